/* Chaos: the real server and twenty headless clients writing at once, killed with SIGKILL again and again; afterwards every acknowledged write is there exactly once and every store agrees with the server. */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>

#include "test-sync-common.h"

static const char *const accounts[] = {
  "officer", "leader", "officer001", "officer002", "officer003", "officer004", "officer006",
  "officer008", "leader001", "leader002", "leader003", "leader004", "editor", "editor2",
  "chief", "deputy", "director", "secgen", "deputymayor", "mayor",
};

typedef struct {
  const char  *username;
  char        *store_path;
  char        *log_path;
  char        *err_path;
  GSubprocess *process;
  gboolean     running;
  gboolean     finished;   /* exited on its own after its writes */
  guint        kills;
  guint        seed;
} Client;

typedef struct {
  XbTestServer *server;
  char         *dir;
  Client       *clients;
  guint         n_clients;
  guint         ops;
  guint         server_kills;
  guint         client_kills;
  GRand        *rand;
  gint64        started_at;
} Chaos;

static guint
env_uint (const char *name, guint fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

/* ---- clients -------------------------------------------------------------------- */

static void
on_client_exit (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Client *client = user_data;
  GSubprocess *process = G_SUBPROCESS (object);

  g_subprocess_wait_finish (process, result, NULL);
  if (process != client->process)
    return;
  client->running = FALSE;
  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
    client->finished = TRUE;
  else if (g_subprocess_get_if_exited (process))
    g_error ("client %s failed (exit %d); see %s", client->username,
             g_subprocess_get_exit_status (process), client->err_path);
}

static void
client_spawn (Chaos *chaos, Client *client, gboolean settle)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autofree char *ops = g_strdup_printf ("%u", chaos->ops);
  g_autofree char *seed = g_strdup_printf ("%u", client->seed);
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("XB_CHAOS_CLIENT");

  g_assert_nonnull (bin);
  g_subprocess_launcher_set_stderr_file_path (launcher, client->err_path);
  g_clear_object (&client->process);
  client->process = g_subprocess_launcher_spawn (launcher, &error, bin,
                                                 "--server", chaos->server->url,
                                                 "--username", client->username,
                                                 "--password", DEMO_PASSWORD,
                                                 "--store", client->store_path,
                                                 "--log", client->log_path,
                                                 "--ops", ops, "--seed", seed,
                                                 settle ? "--settle" : NULL, NULL);
  g_assert_no_error (error);
  client->running = TRUE;
  client->finished = FALSE;
  g_subprocess_wait_async (client->process, NULL, on_client_exit, client);
}

static void
client_kill (Client *client)
{
  if (!client->running)
    return;
  g_subprocess_force_exit (client->process);
  /* Dead before anyone else opens its store. */
  g_subprocess_wait (client->process, NULL, NULL);
  client->running = FALSE;
  client->kills++;
}

static gboolean
all_stopped (Chaos *chaos)
{
  for (guint i = 0; i < chaos->n_clients; i++)
    if (chaos->clients[i].running)
      return FALSE;
  return TRUE;
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
}

static void
wait_all_stopped (Chaos *chaos, guint seconds, const char *what)
{
  gint64 until = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!all_stopped (chaos))
    {
      if (g_get_monotonic_time () > until)
        g_error ("Timed out waiting for %s", what);
      spin (50);
    }
}

/* ---- the chaos ------------------------------------------------------------------ */

static void
one_blow (Chaos *chaos)
{
  double dice = g_rand_double (chaos->rand);

  if (dice < 0.15)
    {
      xb_test_server_kill (chaos->server);
      chaos->server_kills++;
      spin (g_rand_int_range (chaos->rand, 100, 1500));
      xb_test_server_restart (chaos->server);
    }
  else if (dice < 0.55)
    {
      Client *client = &chaos->clients[g_rand_int_range (chaos->rand, 0, chaos->n_clients)];
      if (!client->running)
        return;
      client_kill (client);
      chaos->client_kills++;
      spin (g_rand_int_range (chaos->rand, 50, 800));
      client_spawn (chaos, client, FALSE);
    }
}

static void
run_chaos (Chaos *chaos, guint seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  for (guint i = 0; i < chaos->n_clients; i++)
    client_spawn (chaos, &chaos->clients[i], FALSE);
  while (g_get_monotonic_time () < until && !all_stopped (chaos))
    {
      spin (g_rand_int_range (chaos->rand, 100, 700));
      one_blow (chaos);
    }
  /* Time is up: whoever is still writing stops mid-stride, like the rest. */
  for (guint i = 0; i < chaos->n_clients; i++)
    client_kill (&chaos->clients[i]);
  wait_all_stopped (chaos, 60, "the clients to die");
}

static void
settle (Chaos *chaos)
{
  /* Twice: the first round pushes everything, the second pulls the end state. */
  for (int round = 0; round < 2; round++)
    {
      for (guint i = 0; i < chaos->n_clients; i++)
        client_spawn (chaos, &chaos->clients[i], TRUE);
      wait_all_stopped (chaos, 240, "the clients to settle");
      for (guint i = 0; i < chaos->n_clients; i++)
        if (!chaos->clients[i].finished)
          g_error ("client %s did not settle; see %s", chaos->clients[i].username, chaos->clients[i].err_path);
    }
}

/* ---- the checks ----------------------------------------------------------------- */

typedef struct {
  GHashTable *puts;     /* acknowledged PUT op id (= event id) → TRUE */
  GHashTable *actions;  /* "uuid action actor" → acknowledged count */
  guint       written;
  guint       acked;
  guint       refused;  /* by the server, or dropped with a refused write before them */
} Ledger;

static void
read_log (Ledger *ledger, const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) writes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", 5);
      if (g_strv_length (f) < 2)
        continue;
      if (strcmp (f[0], "W") == 0 && g_strv_length (f) >= 5)
        {
          g_assert_false (g_hash_table_contains (writes, f[1]));
          g_hash_table_insert (writes, g_strdup (f[1]), g_strdupv (f));
        }
      else if (strcmp (f[0], "A") == 0)
        g_hash_table_insert (done, g_strdup (f[1]), GINT_TO_POINTER ('A'));
      else if (strcmp (f[0], "F") == 0 || strcmp (f[0], "D") == 0)
        g_hash_table_insert (done, g_strdup (f[1]), GINT_TO_POINTER ('F'));
    }
  g_hash_table_iter_init (&iter, writes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      char **f = value;
      int outcome = GPOINTER_TO_INT (g_hash_table_lookup (done, key));

      ledger->written++;
      /* After settling, nothing is left in between. */
      if (outcome == 0)
        g_error ("%s: write %s (%s) neither acknowledged nor refused", path, f[1], f[3]);
      if (outcome == 'F')
        {
          ledger->refused++;
          continue;
        }
      ledger->acked++;
      if (strcmp (f[3], "put") == 0)
        g_hash_table_add (ledger->puts, g_strdup (f[1]));
      else
        {
          g_autofree char *k = g_strdup_printf ("%s %s %s", f[2], f[3], f[4]);
          g_hash_table_insert (ledger->actions, g_steal_pointer (&k),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (ledger->actions, k)) + 1));
        }
    }
}

static sqlite3 *
open_read_only (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = open_read_only (path);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Every acknowledged write on the server once, and nothing else written
 * since the chaos began. */
static void
assert_server_matches (Chaos *chaos, Ledger *ledger)
{
  g_autofree char *path = g_build_filename (chaos->server->data_dir, "xinbao.db", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = open_read_only (path);
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;
  guint n_puts = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, item_uuid, action, actor_id FROM item_events WHERE at >= ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, chaos->started_at);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *action = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *k = NULL;

      if (strcmp (action, "create") == 0 || strcmp (action, "save") == 0)
        {
          if (!g_hash_table_contains (ledger->puts, id))
            g_error ("the server has a %s event %s nobody acknowledged", action, id);
          n_puts++;
          continue;
        }
      k = g_strdup_printf ("%s %s %" G_GINT64_FORMAT, sqlite3_column_text (stmt, 1), action,
                           (gint64) sqlite3_column_int64 (stmt, 3));
      g_hash_table_insert (seen, g_strdup (k), GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, k)) + 1));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpuint (n_puts, ==, g_hash_table_size (ledger->puts));
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (ledger->actions, key))
      g_error ("%s: on the server %u times, acknowledged by nobody", (char *) key, GPOINTER_TO_UINT (value));
  g_hash_table_iter_init (&iter, ledger->actions);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_lookup (seen, key) != value)
      g_error ("%s: acknowledged %u times, on the server %u times", (char *) key,
               GPOINTER_TO_UINT (value), GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
}

/* The client's store holds exactly what the server's feed gives its user. */
static void
assert_client_matches (Chaos *chaos, Client *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XbStore) store = xb_store_open (client->store_path, &error);
  TestClient as = { 0 };
  g_autoptr(GHashTable) items = NULL;
  GHashTableIter iter;
  gpointer value;
  XbItemQuery query;

  g_assert_no_error (error);
  as.client = new_signed_in_client (chaos->server, client->username, &as.user);
  items = server_items (chaos->server, &as);
  xb_item_query_init (&query);
  g_assert_cmpuint (xb_store_count_items (store, &query, NULL), ==, g_hash_table_size (items));
  g_hash_table_iter_init (&iter, items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      XbItem *theirs = value;
      g_autoptr(XbItem) mine = xb_store_get_item (store, theirs->uuid, NULL);

      if (mine == NULL)
        g_error ("%s lacks item %s", client->username, theirs->uuid);
      g_assert_cmpint (mine->revision, ==, theirs->revision);
      g_assert_cmpint (mine->state, ==, theirs->state);
      g_assert_cmpstr (mine->title, ==, theirs->title);
      g_assert_cmpstr (mine->body, ==, theirs->body);
      g_assert_cmpuint (mine->events->len, ==, theirs->events->len);
    }
  g_assert_cmpuint (xb_store_outbox_count (store, NULL), ==, 0);
  g_clear_object (&as.client);
  g_clear_pointer (&as.user, xb_user_free);
}

static void
test_chaos (void)
{
  XbTestServerOptions options = { .demo = TRUE, .demo_items = env_uint ("XB_CHAOS_DEMO_ITEMS", 1200) };
  guint seconds = env_uint ("XB_CHAOS_SECONDS", 40);
  Chaos chaos = { 0 };
  Ledger ledger = { 0 };
  gint64 t0 = g_get_monotonic_time ();

  chaos.server = xb_test_server_start (&options);
  chaos.dir = g_dir_make_tmp ("xb-chaos-XXXXXX", NULL);
  chaos.n_clients = MIN (env_uint ("XB_CHAOS_CLIENTS", 20), G_N_ELEMENTS (accounts));
  chaos.ops = env_uint ("XB_CHAOS_OPS", 80);
  chaos.rand = g_rand_new_with_seed (env_uint ("XB_CHAOS_SEED", 20261128));
  chaos.started_at = g_get_real_time () / G_USEC_PER_SEC - 1;
  chaos.clients = g_new0 (Client, chaos.n_clients);
  for (guint i = 0; i < chaos.n_clients; i++)
    {
      Client *c = &chaos.clients[i];
      c->username = accounts[i];
      c->store_path = g_strdup_printf ("%s/%s.db", chaos.dir, c->username);
      c->log_path = g_strdup_printf ("%s/%s.log", chaos.dir, c->username);
      c->err_path = g_strdup_printf ("%s/%s.err", chaos.dir, c->username);
      c->seed = env_uint ("XB_CHAOS_SEED", 20261128) + i;
    }

  run_chaos (&chaos, seconds);
  settle (&chaos);

  ledger.puts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ledger.actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < chaos.n_clients; i++)
    read_log (&ledger, chaos.clients[i].log_path);
  for (guint i = 0; i < chaos.n_clients; i++)
    assert_client_matches (&chaos, &chaos.clients[i]);
  g_assert_cmpint (xb_test_server_stop (chaos.server), ==, 0);
  assert_server_matches (&chaos, &ledger);
  {
    g_autofree char *path = g_build_filename (chaos.server->data_dir, "xinbao.db", NULL);
    assert_integrity (path);
  }
  for (guint i = 0; i < chaos.n_clients; i++)
    assert_integrity (chaos.clients[i].store_path);

  g_test_message ("chaos: %u clients, %u s; %u writes (%u acknowledged, %u refused or dropped behind a refusal); "
                  "server killed %u times, clients %u times; %.1f s in all",
                  chaos.n_clients, seconds, ledger.written, ledger.acked, ledger.refused,
                  chaos.server_kills, chaos.client_kills, (g_get_monotonic_time () - t0) / 1e6);
  g_assert_cmpuint (ledger.acked, >, chaos.n_clients);
  g_assert_cmpuint (chaos.server_kills + chaos.client_kills, >, 0);

  for (guint i = 0; i < chaos.n_clients; i++)
    {
      g_clear_object (&chaos.clients[i].process);
      g_free (chaos.clients[i].store_path);
      g_free (chaos.clients[i].log_path);
      g_free (chaos.clients[i].err_path);
    }
  g_free (chaos.clients);
  g_hash_table_unref (ledger.puts);
  g_hash_table_unref (ledger.actions);
  g_rand_free (chaos.rand);
  xb_test_rm_rf (chaos.dir);
  g_free (chaos.dir);
  xb_test_server_free (chaos.server);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chaos/kill-nine", test_chaos);
  return g_test_run ();
}
