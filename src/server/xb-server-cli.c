/* Administration commands of xinbao-server: units and users without the GUI, through the core store only. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "xb-csv-import.h"
#include "xb-password.h"
#include "xb-server-cli.h"
#include "xb-server-report.h"
#include "xb-store.h"

#define DB_NAME "xinbao.db"          /* as the server opens it: DATA_DIR/xinbao.db */
#define PASSWORD_MAX_BYTES 1024
#define USERNAME_MAX_CHARS 64
#define NAME_MAX_CHARS 200

typedef struct _Command Command;

/* What every command shares: its name, the data directory and the store. */
typedef struct {
  const Command *command;
  char          *data_dir;
  XbStore       *store;
} Cli;

struct _Command {
  const char *name;
  const char *synopsis;   /* the options after "xinbao-server NAME --data-dir DIR" */
  const char *summary;
  int       (*run) (Cli *cli, int argc, char **argv);
};

/* ---- messages ------------------------------------------------------------- */

static int G_GNUC_PRINTF (2, 3)
usage_error (Cli *cli, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "xinbao-server %s: %s\nTry “xinbao-server %s --help”.\n",
           cli->command->name, message, cli->command->name);
  return XB_CLI_EXIT_USAGE;
}

static int G_GNUC_PRINTF (2, 3)
failure (Cli *cli, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "xinbao-server %s: %s\n", cli->command->name, message);
  return XB_CLI_EXIT_FAILURE;
}

/* ---- arguments ------------------------------------------------------------ */

/* Text options are read as G_OPTION_ARG_FILENAME (raw bytes) and checked
 * here, so Chinese names work whatever the locale of an ssh or sudo shell. */
static gboolean
check_text (Cli *cli, const char *option, const char *value, guint max_chars, int *status)
{
  if (!g_utf8_validate (value, -1, NULL))
    return *status = usage_error (cli, "%s is not valid UTF-8", option), FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return *status = usage_error (cli, "%s may not contain control characters", option), FALSE;
  {
    /* g_strstrip works in place: check a copy so @value stays as given. */
    g_autofree char *copy = g_strdup (value);
    if (*g_strstrip (copy) == '\0')
      return *status = usage_error (cli, "%s may not be empty", option), FALSE;
  }
  if (g_utf8_strlen (value, -1) > (glong) max_chars)
    return *status = usage_error (cli, "%s is longer than %u characters", option, max_chars), FALSE;
  return TRUE;
}

static gboolean
check_username (Cli *cli, const char *username, int *status)
{
  if (!check_text (cli, "--username", username, USERNAME_MAX_CHARS, status))
    return FALSE;
  for (const char *p = username; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return *status = usage_error (cli, "--username may not contain spaces"), FALSE;
  return TRUE;
}

/* Parses the command's options, adding --data-dir, and opens the store; fails when
 * none exists (or, with @create, creates the directory and database).
 * Returns -1 to go on, or the exit status. */
static int
parse (Cli *cli, GOptionEntry *entries, int *argc, char ***argv, gboolean create)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("xinbao-server %s", cli->command->name);
  g_autofree char *db = NULL;
  GOptionEntry common[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &cli->data_dir,
      "The server's data directory (required)", "DIR" },
    { NULL }
  };

  g_set_prgname (prgname);
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, cli->command->summary);
  g_option_context_add_main_entries (context, common, NULL);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    return usage_error (cli, "%s", error->message);
  if (*argc > 1)
    return usage_error (cli, "unexpected argument “%s”", (*argv)[1]);
  if (cli->data_dir == NULL || cli->data_dir[0] == '\0')
    return usage_error (cli, "--data-dir is required");

  db = g_build_filename (cli->data_dir, DB_NAME, NULL);
  if (create)
    {
      if (g_mkdir_with_parents (cli->data_dir, 0700) != 0)
        return failure (cli, "cannot create %s: %s", cli->data_dir, g_strerror (errno));
    }
  else if (!g_file_test (db, G_FILE_TEST_IS_REGULAR))
    return failure (cli, "there is no Xinbao database in %s (expected %s)", cli->data_dir, db);
  cli->store = xb_store_open (db, &error);
  if (cli->store == NULL)
    return failure (cli, "cannot open %s: %s", db, error->message);
  return -1;
}

/* ---- passwords ------------------------------------------------------------ */

static void
wipe_string (GString *s)
{
  sodium_memzero (s->str, s->allocated_len);
  g_string_free (s, TRUE);
}

/* Reads one line (without its end) from @stream into @line; FALSE at end of
 * input with nothing read. */
static gboolean
read_line (FILE *stream, GString *line, GError **error)
{
  int c;
  gboolean any = FALSE;

  while ((c = getc (stream)) != EOF)
    {
      any = TRUE;
      if (c == '\n')
        break;
      if (line->len >= PASSWORD_MAX_BYTES)
        return g_set_error (error, XB_ERROR, XB_ERROR_INVALID,
                            "the password is longer than %d bytes", PASSWORD_MAX_BYTES), FALSE;
      g_string_append_c (line, (char) c);
    }
  if (!any)
    return g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                ferror (stream) ? "cannot read the password" : "no password given"), FALSE;
  return TRUE;
}

/* Asks on the terminal with echo off. */
static gboolean
prompt_line (const char *prompt, GString *line, GError **error)
{
  struct termios saved, quiet;
  gboolean echo_off, ok;

  fputs (prompt, stderr);
  fflush (stderr);
  echo_off = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (echo_off)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  ok = read_line (stdin, line, error);
  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  return ok;
}

/* The new password: the first line of @file, or of standard input when
 * @file is NULL (asked twice when that is a terminal).  Never an argument. */
static char *
read_password (const char *file, GError **error)
{
  GString *line = g_string_sized_new (64);
  char *password;

  if (file != NULL && strcmp (file, "-") != 0)
    {
      FILE *stream = g_fopen (file, "re");
      gboolean ok;

      if (stream == NULL)
        {
          int saved_errno = errno;
          wipe_string (line);
          return g_set_error (error, XB_ERROR, XB_ERROR_FAILED, "cannot open %s: %s",
                              file, g_strerror (saved_errno)), NULL;
        }
      ok = read_line (stream, line, error);
      fclose (stream);
      if (!ok)
        return wipe_string (line), NULL;
    }
  else if (isatty (STDIN_FILENO))
    {
      GString *again = g_string_sized_new (64);
      gboolean same;

      if (!prompt_line ("New password: ", line, error)
          || !prompt_line ("Repeat the password: ", again, error))
        return wipe_string (line), wipe_string (again), NULL;
      same = g_str_equal (line->str, again->str);
      wipe_string (again);
      if (!same)
        return wipe_string (line), g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                                         "the two passwords differ"), NULL;
    }
  else if (!read_line (stdin, line, error))
    return wipe_string (line), NULL;

  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);
  if (memchr (line->str, '\0', line->len) != NULL)
    return wipe_string (line), g_set_error_literal (error, XB_ERROR, XB_ERROR_INVALID,
                                                     "the password contains a NUL byte"), NULL;
  if (!xb_password_acceptable (line->str, error))
    return wipe_string (line), NULL;
  password = g_strndup (line->str, line->len);
  wipe_string (line);
  return password;
}

static void
wipe_password (char *password)
{
  if (password != NULL)
    {
      sodium_memzero (password, strlen (password));
      g_free (password);
    }
}

/* Reads, checks and hashes a new password; NULL with the reason on failure. */
static char *
new_password_hash (const char *file, GError **error)
{
  char *password, *hash;

  if (!xb_password_init (error) || (password = read_password (file, error)) == NULL)
    return NULL;
  hash = xb_password_hash (password, error);
  wipe_password (password);
  return hash;
}

/* ---- tables --------------------------------------------------------------- */

/* Columns on a terminal: CJK characters take two. */
static guint
display_width (const char *s)
{
  guint width = 0;

  for (; *s != '\0'; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);
      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* @rows holds GStrv of @n_cols cells each; the first is the header. */
static void
print_table (GPtrArray *rows, guint n_cols)
{
  g_autofree guint *widths = g_new0 (guint, n_cols);

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = rows->pdata[r];
      for (guint c = 0; c < n_cols; c++)
        widths[c] = MAX (widths[c], display_width (cells[c]));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = rows->pdata[r];
      for (guint c = 0; c < n_cols; c++)
        {
          fputs (cells[c], stdout);
          if (c + 1 < n_cols)
            for (guint pad = display_width (cells[c]); pad < widths[c] + 2; pad++)
              putchar (' ');
        }
      putchar ('\n');
    }
}

static char **
row_new (guint n_cols, ...)
{
  char **row = g_new0 (char *, n_cols + 1);
  va_list args;

  va_start (args, n_cols);
  for (guint c = 0; c < n_cols; c++)
    row[c] = va_arg (args, char *); /* taken */
  va_end (args);
  return row;
}

/* ---- units ---------------------------------------------------------------- */

static int
cmd_add_unit (Cli *cli, int argc, char **argv)
{
  g_autofree char *name = NULL, *kind_name = NULL;
  gint64 parent = 0;
  int quota = G_MININT, status = -1;
  XbUnitKind kind;
  g_autoptr(XbUnit) unit = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_FILENAME, &name, "The unit's name (required)", "NAME" },
    { "kind", 'k', 0, G_OPTION_ARG_FILENAME, &kind_name,
      "county, department, provincial, liaison, enterprise, direct_point or office (required)", "KIND" },
    { "parent", 'p', 0, G_OPTION_ARG_INT64, &parent,
      "The county a direct-reporting point or enterprise belongs to", "ID" },
    { "quota", 'q', 0, G_OPTION_ARG_INT, &quota,
      "Monthly minimum of submissions (default: the policy's quota for the kind)", "N" },
    { NULL }
  };

  if ((status = parse (cli, entries, &argc, &argv, TRUE)) >= 0)
    return status;
  if (name == NULL)
    return usage_error (cli, "--name is required");
  if (kind_name == NULL)
    return usage_error (cli, "--kind is required");
  if (!check_text (cli, "--name", name, NAME_MAX_CHARS, &status))
    return status;
  g_strstrip (name);
  if (!xb_unit_kind_from_string (kind_name, &kind))
    return usage_error (cli, "unknown unit kind “%s” (one of county, department, provincial, "
                        "liaison, enterprise, direct_point, office)", kind_name);
  if (parent < 0)
    return usage_error (cli, "--parent takes a unit id");
  if (quota != G_MININT && quota < 0)
    return usage_error (cli, "--quota takes a number of items, 0 or more");

  if (parent != 0)
    {
      g_autoptr(XbUnit) parent_unit = xb_store_get_unit (cli->store, parent, &error);
      if (parent_unit == NULL)
        return failure (cli, "%s", error->message);
    }
  if ((units = xb_store_list_units (cli->store, &error)) == NULL)
    return failure (cli, "%s", error->message);
  for (guint i = 0; i < units->len; i++)
    if (g_str_equal (((XbUnit *) units->pdata[i])->name, name))
      return failure (cli, "a unit named “%s” already exists (id %" G_GINT64_FORMAT ")",
                      name, ((XbUnit *) units->pdata[i])->id);

  unit = xb_unit_new ();
  unit->name = g_strdup (name);
  unit->kind = kind;
  unit->parent_id = parent;
  unit->monthly_quota = quota == G_MININT ? -1 : quota;
  if (!xb_store_put_unit (cli->store, unit, &error))
    return failure (cli, "%s", error->message);
  printf ("%" G_GINT64_FORMAT "\n", unit->id);
  return XB_CLI_EXIT_OK;
}

static int
cmd_list_units (Cli *cli, int argc, char **argv)
{
  g_autoptr(GPtrArray) units = NULL, rows = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;
  XbPolicy policy;
  int status;

  if ((status = parse (cli, NULL, &argc, &argv, FALSE)) >= 0)
    return status;
  if ((units = xb_store_list_units (cli->store, &error)) == NULL
      || (names = xb_store_unit_names (cli->store, &error)) == NULL
      || !xb_store_get_policy (cli->store, &policy, &error))
    return failure (cli, "%s", error->message);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (rows, row_new (6, g_strdup ("ID"), g_strdup ("NAME"), g_strdup ("KIND"),
                                  g_strdup ("PARENT"), g_strdup ("QUOTA"), g_strdup ("RETIRED")));
  for (guint i = 0; i < units->len; i++)
    {
      XbUnit *u = units->pdata[i];
      const char *parent = u->parent_id ? g_hash_table_lookup (names, &u->parent_id) : NULL;
      char *quota = u->monthly_quota >= 0
        ? g_strdup_printf ("%d", u->monthly_quota)
        : policy.quota[u->kind] > 0 ? g_strdup_printf ("%d (default)", policy.quota[u->kind])
        : g_strdup ("none (default)");

      g_ptr_array_add (rows, row_new (6, g_strdup_printf ("%" G_GINT64_FORMAT, u->id),
                                      g_strdup (u->name), g_strdup (xb_unit_kind_to_string (u->kind)),
                                      u->parent_id ? g_strdup_printf ("%" G_GINT64_FORMAT " %s", u->parent_id,
                                                                      parent ? parent : "?")
                                                   : g_strdup ("-"),
                                      quota, g_strdup (u->retired ? "yes" : "no")));
    }
  print_table (rows, 6);
  return XB_CLI_EXIT_OK;
}

/* ---- users ---------------------------------------------------------------- */

static int
cmd_add_user (Cli *cli, int argc, char **argv)
{
  g_autofree char *username = NULL, *display = NULL, *roles_text = NULL, *password_file = NULL;
  g_autofree char *hash = NULL;
  gint64 unit_id = 0;
  XbRoles roles = 0;
  int status;
  g_autoptr(XbUnit) unit = NULL;
  g_autoptr(XbUser) user = NULL, existing = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "username", 'u', 0, G_OPTION_ARG_FILENAME, &username, "Sign-in name (required)", "USERNAME" },
    { "name", 'n', 0, G_OPTION_ARG_FILENAME, &display, "Display name (required)", "DISPLAY" },
    { "unit", 0, 0, G_OPTION_ARG_INT64, &unit_id, "Id of the user's unit (required; see list-units)", "ID" },
    { "roles", 'r', 0, G_OPTION_ARG_FILENAME, &roles_text,
      "Comma-separated roles: officer, unit_leader, editor, section_chief, deputy_secgen, director, "
      "secgen, deputy_mayor, mayor, viewer, admin (required)", "ROLES" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      "Read the password from the first line of FILE instead of standard input", "FILE" },
    { NULL }
  };

  if ((status = parse (cli, entries, &argc, &argv, FALSE)) >= 0)
    return status;
  if (username == NULL)
    return usage_error (cli, "--username is required");
  if (display == NULL)
    return usage_error (cli, "--name is required");
  if (unit_id == 0)
    return usage_error (cli, "--unit is required");
  if (roles_text == NULL)
    return usage_error (cli, "--roles is required");
  if (!check_username (cli, username, &status)
      || !check_text (cli, "--name", display, NAME_MAX_CHARS, &status))
    return status;
  g_strstrip (display);
  if (unit_id < 0)
    return usage_error (cli, "--unit takes a unit id");
  if (!g_utf8_validate (roles_text, -1, NULL) || !xb_roles_from_string (roles_text, &roles) || roles == 0)
    return usage_error (cli, "--roles takes a comma-separated list of officer, unit_leader, editor, "
                        "section_chief, deputy_secgen, director, secgen, deputy_mayor, mayor, "
                        "viewer, admin; not “%s”", roles_text);

  if ((unit = xb_store_get_unit (cli->store, unit_id, &error)) == NULL)
    return failure (cli, "%s", error->message);
  if (unit->retired)
    return failure (cli, "the unit “%s” is retired", unit->name);
  existing = xb_store_find_user (cli->store, username, NULL);
  if (existing != NULL)
    return failure (cli, "a user named “%s” already exists (id %" G_GINT64_FORMAT ")",
                    username, existing->id);

  if ((hash = new_password_hash (password_file, &error)) == NULL)
    return failure (cli, "%s", error->message);

  user = xb_user_new ();
  user->username = g_strdup (username);
  user->display_name = g_strdup (display);
  user->unit_id = unit_id;
  user->roles = roles;
  if (!xb_store_put_user (cli->store, user, hash, &error))
    return failure (cli, "%s", error->message);
  printf ("%" G_GINT64_FORMAT "\n", user->id);
  return XB_CLI_EXIT_OK;
}

static int
change_user (Cli *cli, int argc, char **argv, gboolean password, int disable)
{
  g_autofree char *username = NULL, *password_file = NULL, *hash = NULL;
  g_autoptr(XbUser) user = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "username", 'u', 0, G_OPTION_ARG_FILENAME, &username, "The user's sign-in name (required)", "USERNAME" },
    { NULL },
    { NULL }
  };
  GOptionEntry file_entry = {
    "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
    "Read the password from the first line of FILE instead of standard input", "FILE"
  };
  int status;

  if (password)
    entries[1] = file_entry;
  if ((status = parse (cli, entries, &argc, &argv, FALSE)) >= 0)
    return status;
  if (username == NULL)
    return usage_error (cli, "--username is required");
  if ((user = xb_store_find_user (cli->store, username, NULL)) == NULL)
    return failure (cli, "there is no user named “%s”", username);

  if (password && (hash = new_password_hash (password_file, &error)) == NULL)
    return failure (cli, "%s", error->message);
  if (disable >= 0)
    user->disabled = disable != 0;

  /* The new state and the end of the user's sessions in one transaction. */
  if (!xb_store_begin (cli->store, &error))
    return failure (cli, "%s", error->message);
  if (!xb_store_put_user (cli->store, user, hash, &error)
      || ((password || disable == TRUE) && !xb_store_revoke_user_sessions (cli->store, user->id, &error))
      || !xb_store_commit (cli->store, &error))
    {
      xb_store_rollback (cli->store);
      return failure (cli, "%s", error->message);
    }
  if (password)
    printf ("Password of “%s” changed; its sessions are signed out.\n", user->username);
  else if (disable)
    printf ("“%s” is disabled; its sessions are signed out.\n", user->username);
  else
    printf ("“%s” is enabled.\n", user->username);
  return XB_CLI_EXIT_OK;
}

static int
cmd_reset_password (Cli *cli, int argc, char **argv)
{
  return change_user (cli, argc, argv, TRUE, -1);
}

static int
cmd_disable_user (Cli *cli, int argc, char **argv)
{
  return change_user (cli, argc, argv, FALSE, TRUE);
}

static int
cmd_enable_user (Cli *cli, int argc, char **argv)
{
  return change_user (cli, argc, argv, FALSE, FALSE);
}

static int
cmd_list_users (Cli *cli, int argc, char **argv)
{
  g_autoptr(GPtrArray) users = NULL, rows = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse (cli, NULL, &argc, &argv, FALSE)) >= 0)
    return status;
  if ((users = xb_store_list_users (cli->store, &error)) == NULL
      || (names = xb_store_unit_names (cli->store, &error)) == NULL)
    return failure (cli, "%s", error->message);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (rows, row_new (6, g_strdup ("ID"), g_strdup ("USERNAME"), g_strdup ("NAME"),
                                  g_strdup ("UNIT"), g_strdup ("ROLES"), g_strdup ("DISABLED")));
  for (guint i = 0; i < users->len; i++)
    {
      XbUser *u = users->pdata[i];
      const char *unit = g_hash_table_lookup (names, &u->unit_id);

      g_ptr_array_add (rows, row_new (6, g_strdup_printf ("%" G_GINT64_FORMAT, u->id),
                                      g_strdup (u->username), g_strdup (u->display_name),
                                      g_strdup_printf ("%" G_GINT64_FORMAT " %s", u->unit_id, unit ? unit : "?"),
                                      xb_roles_to_string (u->roles),
                                      g_strdup (u->disabled ? "yes" : "no")));
    }
  print_table (rows, 6);
  return XB_CLI_EXIT_OK;
}

/* ---- reports ---------------------------------------------------------------- */

/* xinbao-server report bulletin|assessment --data-dir DIR --quarter Q | --year Y --format F */
static int
cmd_report (Cli *cli, int argc, char **argv)
{
  g_autofree char *quarter = NULL, *year = NULL, *format = NULL;
  g_autoptr(GError) error = NULL;
  const char *report;
  int status;
  GOptionEntry entries[] = {
    { "quarter", 0, 0, G_OPTION_ARG_STRING, &quarter, "The bulletin's quarter, such as 2026Q3", "QUARTER" },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year, "The assessment's year, such as 2026", "YEAR" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, "csv or pdf (default csv)", "FORMAT" },
    { NULL }
  };

  if (argc < 2 || argv[1][0] == '-')
    return usage_error (cli, "say which report: bulletin or assessment");
  report = argv[1];
  /* The report's name is not an option: take it out before parsing. */
  memmove (&argv[1], &argv[2], sizeof (char *) * (argc - 1));
  argc--;
  if ((status = parse (cli, entries, &argc, &argv, FALSE)) >= 0)
    return status;
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("XB_LOCALEDIR") ? g_getenv ("XB_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  if (!xb_server_report_write (cli->store, report, g_str_equal (report, "assessment") ? year : quarter,
                               format ? format : "csv", &error))
    return g_error_matches (error, XB_ERROR, XB_ERROR_INVALID) ? usage_error (cli, "%s", error->message)
                                                              : failure (cli, "%s", error->message);
  return XB_CLI_EXIT_OK;
}

/* ---- renaming and retiring units ------------------------------------------- */

static int
change_unit (Cli *cli, int argc, char **argv, gboolean rename)
{
  g_autofree char *name = NULL;
  g_autoptr(XbUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  int status;
  GOptionEntry rename_entries[] = {
    { "id", 0, 0, G_OPTION_ARG_INT64, &id, "The unit's id (required; see list-units)", "ID" },
    { "name", 'n', 0, G_OPTION_ARG_FILENAME, &name, "The new name (required)", "NAME" },
    { NULL }
  };

  if (!rename)
    rename_entries[1] = (GOptionEntry) { NULL };
  if ((status = parse (cli, rename_entries, &argc, &argv, FALSE)) >= 0)
    return status;
  if (id <= 0)
    return usage_error (cli, "--id is required");
  if (rename && name == NULL)
    return usage_error (cli, "--name is required");
  if (rename && !check_text (cli, "--name", name, NAME_MAX_CHARS, &status))
    return status;
  if ((unit = xb_store_get_unit (cli->store, id, &error)) == NULL)
    return failure (cli, "%s", error->message);
  if (rename)
    {
      g_free (unit->name);
      unit->name = g_strstrip (g_steal_pointer (&name));
    }
  else if (unit->retired)
    return failure (cli, "the unit “%s” is already retired", unit->name);
  else
    unit->retired = TRUE;
  if (!xb_store_put_unit (cli->store, unit, &error))
    return failure (cli, "%s", error->message);
  return XB_CLI_EXIT_OK;
}

static int
cmd_rename_unit (Cli *cli, int argc, char **argv)
{
  return change_unit (cli, argc, argv, TRUE);
}

static int
cmd_retire_unit (Cli *cli, int argc, char **argv)
{
  return change_unit (cli, argc, argv, FALSE);
}

/* ---- CSV import ------------------------------------------------------------ */

static int
import_csv (Cli *cli, int argc, char **argv, XbCsvKind kind)
{
  g_autofree char *file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(XbCsvPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dry_run = FALSE;
  char *contents = NULL;
  gsize len = 0;
  int status;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "Check every row and write nothing", NULL },
    { NULL }
  };

  /* The file is the one positional argument; take it out before parsing. */
  for (int i = 1; i < argc; i++)
    if (argv[i][0] != '-' && (i == 1 || !g_str_equal (argv[i - 1], "--data-dir")) && !g_str_equal (argv[i - 1], "-d"))
      {
        file = g_strdup (argv[i]);
        memmove (&argv[i], &argv[i + 1], (size_t) (argc - i) * sizeof *argv);
        argc--;
        break;
      }
  if ((status = parse (cli, entries, &argc, &argv, FALSE)) >= 0)
    return status;
  if (file == NULL)
    return usage_error (cli, "the CSV file is required");
  if (!g_file_get_contents (file, &contents, &len, &error))
    return failure (cli, "%s", error->message);
  bytes = g_bytes_new_take (contents, len);
  if ((preview = xb_csv_preview (cli->store, kind, bytes, &error)) == NULL)
    return failure (cli, "%s: %s", file, error->message);
  for (guint i = 0; i < preview->rows->len; i++)
    {
      XbCsvRow *row = preview->rows->pdata[i];
      if (row->error != NULL)
        fprintf (stderr, "%s:%u: %s\n", file, row->line, row->error);
    }
  if (preview->n_errors > 0)
    return failure (cli, "%u of %u rows have errors; nothing was imported", preview->n_errors, preview->rows->len);
  if (dry_run)
    {
      printf ("%u rows would be imported (%s)\n", preview->rows->len, preview->encoding);
      return XB_CLI_EXIT_OK;
    }
  if (!xb_csv_apply (cli->store, preview, &error))
    return failure (cli, "%s", error->message);
  printf ("%u rows imported (%s)\n", preview->rows->len, preview->encoding);
  return XB_CLI_EXIT_OK;
}

static int
cmd_import_units (Cli *cli, int argc, char **argv)
{
  return import_csv (cli, argc, argv, XB_CSV_UNITS);
}

static int
cmd_import_users (Cli *cli, int argc, char **argv)
{
  return import_csv (cli, argc, argv, XB_CSV_USERS);
}

/* ---- dispatch ------------------------------------------------------------- */

static int cmd_help (Cli *cli, int argc, char **argv);

static const Command commands[] = {
  { "add-unit", "--name NAME --kind KIND [--parent ID] [--quota N]",
    "Create a unit and print its id.", cmd_add_unit },
  { "list-units", "", "List the units.", cmd_list_units },
  { "rename-unit", "--id ID --name NAME", "Give a unit a new name; its items and history stay.",
    cmd_rename_unit },
  { "retire-unit", "--id ID",
    "Retire a unit: it keeps its items and statistics but takes no new users or items.", cmd_retire_unit },
  { "add-user", "--username USERNAME --name DISPLAY --unit ID --roles ROLES [--password-file FILE]",
    "Create a user and print its id; the password is the first line of FILE or of standard input.",
    cmd_add_user },
  { "reset-password", "--username USERNAME [--password-file FILE]",
    "Set a new password (first line of FILE or of standard input) and sign the user out everywhere.",
    cmd_reset_password },
  { "disable-user", "--username USERNAME", "Refuse the user's sign-ins and end its sessions.",
    cmd_disable_user },
  { "enable-user", "--username USERNAME", "Let a disabled user sign in again.", cmd_enable_user },
  { "list-users", "", "List the users with their units and roles.", cmd_list_users },
  { "import-units", "[--dry-run] FILE",
    "Create units from a CSV file (columns name,kind,parent,monthly_quota); all or nothing.",
    cmd_import_units },
  { "import-users", "[--dry-run] FILE",
    "Create users from a CSV file (columns username,display_name,unit,roles); all or nothing; "
    "each needs reset-password before signing in.", cmd_import_users },
  { "report", "bulletin|assessment (--quarter 2026Q3 | --year 2026) [--format csv|pdf]",
    "Write the quarter's bulletin or the year's assessment to standard output.", cmd_report },
  { "help", "", "Show the commands.", cmd_help },
};

const char *
xb_server_cli_summary (void)
{
  static char *summary;

  if (g_once_init_enter (&summary))
    {
      GString *s = g_string_new ("Administration commands (run “xinbao-server COMMAND --help” for details):\n");
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (commands[i].run != cmd_help)
          g_string_append_printf (s, "  xinbao-server %s --data-dir DIR%s%s\n", commands[i].name,
                                  *commands[i].synopsis ? " " : "", commands[i].synopsis);
      g_string_append (s, "Passwords are never taken from the command line.");
      g_once_init_leave (&summary, g_string_free (s, FALSE));
    }
  return summary;
}

static int
cmd_help (Cli *cli, int argc, char **argv)
{
  if (argc > 1)
    return usage_error (cli, "unexpected argument “%s”", argv[1]);
  printf ("Usage:\n  xinbao-server --data-dir DIR [--listen HOST:PORT] [--demo] "
          "[--tls-cert FILE --tls-key FILE]\n  xinbao-server COMMAND --data-dir DIR [OPTION…]\n\n%s\n",
          xb_server_cli_summary ());
  return XB_CLI_EXIT_OK;
}

gboolean
xb_server_cli_is_command (const char *arg)
{
  return arg != NULL && arg[0] != '-';
}

int
xb_server_cli_run (int argc, char **argv)
{
  Cli cli = { 0 };
  int status;

  g_return_val_if_fail (argc >= 1, XB_CLI_EXIT_USAGE);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[0], commands[i].name))
      cli.command = &commands[i];
  if (cli.command == NULL)
    {
      fprintf (stderr, "xinbao-server: unknown command “%s”\n\n%s\n", argv[0], xb_server_cli_summary ());
      return XB_CLI_EXIT_USAGE;
    }
  status = cli.command->run (&cli, argc, argv);
  g_clear_object (&cli.store);
  g_free (cli.data_dir);
  fflush (stdout);
  return status;
}
