/* Administration from the command line: xinbao-server COMMAND --data-dir DIR [options]. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the commands. */
#define XB_CLI_EXIT_OK      0
#define XB_CLI_EXIT_FAILURE 1  /* the command could not be done (no such user, weak password…) */
#define XB_CLI_EXIT_USAGE   2  /* bad command line */

/* TRUE when @arg (argv[1]) names a command rather than an option: any word
 * that does not start with '-'.  Unknown words are then reported by
 * xb_server_cli_run as unknown commands instead of being ignored. */
gboolean    xb_server_cli_is_command (const char *arg);
/* Runs one command; argv[0] is the command's name.  Returns the exit status. */
int         xb_server_cli_run        (int argc, char **argv);
/* The list of commands, one per line, for the server's --help
 * (g_option_context_set_description). */
const char *xb_server_cli_summary    (void);

G_END_DECLS
