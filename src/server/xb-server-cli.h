/* Administration from the command line: xinbao-server COMMAND --data-dir DIR [options]. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @arg (argv[1]) names a command rather than an option. */
gboolean xb_server_cli_is_command (const char *arg);
/* Runs one command; argv[0] is the command's name.  Returns the exit status. */
int      xb_server_cli_run        (int argc, char **argv);

G_END_DECLS
