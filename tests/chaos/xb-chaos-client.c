/* A headless Xinbao client for the chaos test: random writes its role allows, a durable log of each write and its acknowledgement, and no fear of kill -9. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "xb-store.h"
#include "xb-sync-client.h"
#include "xb-sync-engine.h"
#include "xb-workflow.h"

#define SIGNERS (XB_ROLE_BIT (XB_ROLE_SECTION_CHIEF) | XB_ROLE_BIT (XB_ROLE_DEPUTY_SECGEN) | \
                 XB_ROLE_BIT (XB_ROLE_DIRECTOR) | XB_ROLE_BIT (XB_ROLE_SECGEN) | \
                 XB_ROLE_BIT (XB_ROLE_DEPUTY_MAYOR) | XB_ROLE_BIT (XB_ROLE_MAYOR))

typedef struct {
  char         *server;
  char         *username;
  char         *password;
  char         *store_path;
  char         *log_path;
  int           ops;
  int           seed;
  gboolean      settle;

  XbStore      *store;
  XbSyncClient *client;
  XbSyncEngine *engine;
  XbUser       *user;
  GRand        *rand;
  int           log_fd;
  GHashTable   *pending;  /* op id → TRUE: written, not yet acknowledged or refused */
  int           done_ops;
  int           attempts; /* in this run: a role may find nothing to do */
  GMainLoop    *loop;
} Chaos;

/* ---- the log ---------------------------------------------------------------------- */

/* One line per fact, on disk before we go on: a kill must not lose it. */
static void
log_line (Chaos *c, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
log_line (Chaos *c, const char *format, ...)
{
  va_list args;
  g_autofree char *line = NULL;
  size_t len;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  len = strlen (line);
  if (write (c->log_fd, line, len) != (ssize_t) len || fsync (c->log_fd) != 0)
    g_error ("Could not write the log %s", c->log_path);
}

/* What an outbox entry does: "put" for items, else the action's name. */
static char *
entry_action (const XbOutboxEntry *entry)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *body;

  if (g_strcmp0 (entry->method, "PUT") == 0)
    return g_strdup ("put");
  if (entry->body == NULL || !json_parser_load_from_data (parser, entry->body, -1, NULL))
    return g_strdup ("?");
  body = json_node_get_object (json_parser_get_root (parser));
  return g_strdup (json_object_get_string_member_with_default (body, "action", "?"));
}

/* After a restart: writes the store holds but the log missed (killed
 * between the two) are logged now; logged writes gone from the outbox were
 * acknowledged. */
static void
reconcile (Chaos *c)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) settled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) outbox = xb_store_outbox_list (c->store, TRUE, NULL);
  GHashTableIter iter;
  gpointer key;

  if (g_file_get_contents (c->log_path, &text, NULL, NULL))
    lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", 3);
      if (g_strv_length (f) < 2)
        continue;
      if (strcmp (f[0], "W") == 0)
        {
          g_hash_table_add (written, g_strdup (f[1]));
          c->done_ops++;
        }
      else if (strcmp (f[0], "A") == 0 || strcmp (f[0], "F") == 0 || strcmp (f[0], "D") == 0)
        g_hash_table_add (settled, g_strdup (f[1]));
    }
  for (guint i = 0; outbox != NULL && i < outbox->len; i++)
    {
      XbOutboxEntry *e = outbox->pdata[i];
      if (!g_hash_table_contains (written, e->op_id))
        {
          g_autofree char *action = entry_action (e);
          log_line (c, "W %s %s %s %" G_GINT64_FORMAT "\n", e->op_id, e->item_uuid, action, c->user->id);
          g_hash_table_add (written, g_strdup (e->op_id));
          c->done_ops++;
        }
      g_hash_table_add (c->pending, g_strdup (e->op_id));
    }
  g_hash_table_iter_init (&iter, written);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (settled, key) && !g_hash_table_contains (c->pending, key))
      log_line (c, "A %s\n", (char *) key);
}

/* Discarding a refused write drops the item's writes queued behind it:
 * they never reach the server, and the log says so first. */
static void
drop_behind (Chaos *c, GPtrArray *outbox, guint failed)
{
  XbOutboxEntry *refused = outbox->pdata[failed];

  g_hash_table_remove (c->pending, refused->op_id);
  for (guint i = 0; i < outbox->len; i++)
    {
      XbOutboxEntry *e = outbox->pdata[i];
      if (i != failed && g_strcmp0 (e->item_uuid, refused->item_uuid) == 0)
        {
          log_line (c, "D %s behind %s\n", e->op_id, refused->op_id);
          g_hash_table_remove (c->pending, e->op_id);
        }
    }
}

/* Pending writes the outbox no longer holds were acknowledged; refused ones
 * are logged and dropped, so the item follows the server again. */
static void
note_progress (Chaos *c)
{
  g_autoptr(GPtrArray) outbox = xb_store_outbox_list (c->store, TRUE, NULL);
  g_autoptr(GHashTable) queued = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; outbox != NULL && i < outbox->len; i++)
    {
      XbOutboxEntry *e = outbox->pdata[i];
      g_hash_table_add (queued, e->op_id);
      if (e->failed)
        {
          log_line (c, "F %s %s\n", e->op_id, e->error ? e->error : "");
          drop_behind (c, outbox, i);
          xb_sync_engine_discard (c->engine, e->item_uuid, NULL);
          return;
        }
    }
  g_hash_table_iter_init (&iter, c->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (queued, key))
      {
        log_line (c, "A %s\n", (char *) key);
        g_hash_table_iter_remove (&iter);
      }
}

/* ---- writes ----------------------------------------------------------------------- */

/* The outbox entry a write just made is the newest one for its item. */
static void
log_write (Chaos *c, const char *uuid, const char *action)
{
  g_autoptr(GPtrArray) outbox = xb_store_outbox_list (c->store, TRUE, NULL);

  for (guint i = outbox ? outbox->len : 0; i > 0; i--)
    {
      XbOutboxEntry *e = outbox->pdata[i - 1];
      if (g_strcmp0 (e->item_uuid, uuid) == 0)
        {
          log_line (c, "W %s %s %s %" G_GINT64_FORMAT "\n", e->op_id, uuid, action, c->user->id);
          g_hash_table_add (c->pending, g_strdup (e->op_id));
          c->done_ops++;
          return;
        }
    }
}

static void
write_item (Chaos *c)
{
  g_autoptr(XbItem) item = xb_item_new ();
  g_auto(GStrv) priorities = xb_store_list_priorities (c->store, TRUE, NULL);
  g_autoptr(GError) error = NULL;

  item->uuid = xb_uuid_new ();
  item->unit_id = c->user->unit_id;
  item->revision = 0;
  item->title = g_strdup_printf ("混沌测试%s第%d条信息", c->username, c->done_ops);
  item->body = g_strdup ("一、基本情况。全区春耕备耕工作有序推进。二、主要做法。强化农资保障。");
  item->category = g_strdup (priorities && priorities[0] ? priorities[0] : "经济运行");
  if (!xb_sync_engine_save_item (c->engine, item, &error))
    {
      g_message ("%s: save refused: %s", c->username, error->message);
      return;
    }
  log_write (c, item->uuid, "put");
  if (xb_sync_engine_act (c->engine, item->uuid, XB_ACTION_SUBMIT, NULL, NULL, NULL))
    log_write (c, item->uuid, "submit");
}

static gboolean
allowed (Chaos *c, const XbItem *item, XbAction action)
{
  XbUnitFacts facts = { .unit_has_leader = xb_store_unit_has_leader (c->store, item->unit_id) };
  XbActor actor = { c->user->id, c->user->unit_id, c->user->roles };
  XbPolicy policy;

  return xb_store_get_policy (c->store, &policy, NULL) &&
         (xb_workflow_allowed (item, &facts, &policy, &actor) & (1u << action)) != 0;
}

/* A random item in @state (of the user's unit when @own_unit). */
static XbItem *
pick (Chaos *c, XbState state, gboolean own_unit)
{
  g_autoptr(GPtrArray) items = NULL;
  XbItemQuery query;

  xb_item_query_init (&query);
  query.state = state;
  query.unit_id = own_unit ? c->user->unit_id : 0;
  query.sort = XB_ITEM_SORT_UPDATED;
  query.descending = TRUE;
  items = xb_store_list_items (c->store, &query, 0, 40, NULL);
  if (items == NULL || items->len == 0)
    return NULL;
  return xb_store_get_item (c->store, ((XbItem *) items->pdata[g_rand_int_range (c->rand, 0, items->len)])->uuid,
                            NULL);
}

static void
act_on (Chaos *c, XbState state, gboolean own_unit, XbAction action, const char *extra)
{
  g_autoptr(XbItem) item = pick (c, state, own_unit);
  g_autoptr(GError) error = NULL;
  const char *comment = action == XB_ACTION_RETURN ? "请补充具体数据后再报。" : NULL;

  if (item == NULL || !allowed (c, item, action))
    return;
  if (xb_sync_engine_act (c->engine, item->uuid, action, comment, extra, &error))
    log_write (c, item->uuid, xb_action_to_string (action));
  else
    g_debug ("%s: %s refused locally: %s", c->username, xb_action_to_string (action), error->message);
}

static char *
propose_extra (Chaos *c)
{
  g_autoptr(GPtrArray) publications = xb_store_list_publications (c->store, NULL);

  if (publications == NULL || publications->len == 0)
    return NULL;
  return g_strdup_printf ("{\"publication_id\": %" G_GINT64_FORMAT "}",
                          ((XbPublication *) publications->pdata[0])->id);
}

static void
one_write (Chaos *c)
{
  XbRoles roles = c->user->roles;
  double dice = g_rand_double (c->rand);

  if (roles & XB_ROLE_BIT (XB_ROLE_OFFICER))
    {
      if (dice < 0.8)
        write_item (c);
      else
        act_on (c, XB_STATE_RETURNED, TRUE, XB_ACTION_REVISE, NULL);
    }
  else if (roles & XB_ROLE_BIT (XB_ROLE_UNIT_LEADER))
    act_on (c, XB_STATE_UNIT_REVIEW, TRUE, dice < 0.8 ? XB_ACTION_APPROVE : XB_ACTION_RETURN, NULL);
  else if (roles & XB_ROLE_BIT (XB_ROLE_EDITOR))
    {
      g_autofree char *extra = propose_extra (c);
      if (dice < 0.5)
        act_on (c, XB_STATE_SUBMITTED, FALSE, XB_ACTION_CLAIM, NULL);
      else if (dice < 0.85 && extra != NULL)
        act_on (c, XB_STATE_EDITING, FALSE, XB_ACTION_PROPOSE, extra);
      else
        act_on (c, XB_STATE_EDITING, FALSE, XB_ACTION_RETURN, NULL);
    }
  else if (roles & SIGNERS)
    act_on (c, XB_STATE_SIGNOFF, FALSE, XB_ACTION_SIGN, NULL);
}

static gboolean
tick (gpointer user_data)
{
  Chaos *c = user_data;

  note_progress (c);
  if (!c->settle && c->done_ops < c->ops && c->attempts++ < 3 * c->ops)
    {
      one_write (c);
      return G_SOURCE_CONTINUE;
    }
  if (g_hash_table_size (c->pending) == 0 && xb_sync_engine_get_state (c->engine) == XB_SYNC_IDLE)
    g_main_loop_quit (c->loop);
  return G_SOURCE_CONTINUE;
}

/* ---- start-up --------------------------------------------------------------------- */

static void try_sign_in (Chaos *c);

static gboolean
sign_in_again (gpointer user_data)
{
  try_sign_in (user_data);
  return G_SOURCE_REMOVE;
}

/* The server may be down (killed by the test): try again for a while. */
static void
on_signed_in (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Chaos *c = user_data;
  g_autoptr(GError) error = NULL;

  c->user = xb_sync_client_sign_in_finish (c->client, result, &error);
  if (c->user != NULL)
    {
      g_main_loop_quit (c->loop);
      return;
    }
  if (++c->attempts > 300)
    g_error ("%s could not sign in: %s", c->username, error->message);
  g_timeout_add (300, sign_in_again, c);
}

static void
try_sign_in (Chaos *c)
{
  xb_sync_client_sign_in_async (c->client, c->username, c->password, NULL, on_signed_in, c);
}

static void
sign_in (Chaos *c)
{
  g_autofree char *token = xb_store_get_meta (c->store, "token");
  g_autoptr(GError) error = NULL;

  if (token != NULL && (c->user = xb_store_dup_signed_in_user (c->store)) != NULL)
    {
      xb_sync_client_set_token (c->client, token);
      return;
    }
  try_sign_in (c);
  g_main_loop_run (c->loop);
  c->attempts = 0;
  if (!xb_store_set_meta (c->store, "token", xb_sync_client_get_token (c->client), &error))
    g_error ("%s", error->message);
}

int
main (int argc, char **argv)
{
  Chaos c = { .ops = 20, .seed = 1 };
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &c.server, "Server URL", "URL" },
    { "username", 0, 0, G_OPTION_ARG_STRING, &c.username, "Account", "NAME" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &c.password, "Password", "TEXT" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &c.store_path, "Store file", "PATH" },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &c.log_path, "Write log", "PATH" },
    { "ops", 0, 0, G_OPTION_ARG_INT, &c.ops, "Writes to make in all", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &c.seed, "Random seed", "N" },
    { "settle", 0, 0, G_OPTION_ARG_NONE, &c.settle, "Only sync until idle", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- a chaos-test client");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || !c.server || !c.username ||
      !c.password || !c.store_path || !c.log_path)
    {
      g_printerr ("%s\n", error ? error->message : "--server, --username, --password, --store and --log are required");
      return 2;
    }
  c.store = xb_store_open (c.store_path, &error);
  if (c.store == NULL)
    g_error ("%s", error->message);
  c.client = xb_sync_client_new (c.server, &error);
  if (c.client == NULL)
    g_error ("%s", error->message);
  c.loop = g_main_loop_new (NULL, FALSE);
  c.pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.log_fd = open (c.log_path, O_WRONLY | O_APPEND | O_CREAT, 0600);
  if (c.log_fd < 0)
    g_error ("Could not open %s", c.log_path);
  sign_in (&c);
  c.engine = xb_sync_engine_new (c.store, c.client);
  g_clear_pointer (&c.user, xb_user_free);
  c.user = xb_store_dup_signed_in_user (c.store);
  if (c.user == NULL)
    g_error ("%s: no signed-in user in the store", c.username);
  reconcile (&c);
  /* Each restart draws other numbers, reproducibly. */
  c.rand = g_rand_new_with_seed ((guint32) c.seed * 7919u + (guint32) c.done_ops);
  xb_sync_engine_start (c.engine);
  g_timeout_add (c.settle ? 200 : 40 + g_rand_int_range (c.rand, 0, 80), tick, &c);
  g_main_loop_run (c.loop);
  g_print ("%s: %d writes, settled\n", c.username, c.done_ops);
  xb_sync_engine_stop (c.engine);
  close (c.log_fd);
  g_clear_object (&c.engine);
  g_clear_object (&c.client);
  g_clear_object (&c.store);
  g_clear_pointer (&c.user, xb_user_free);
  g_clear_pointer (&c.pending, g_hash_table_unref);
  g_clear_pointer (&c.loop, g_main_loop_unref);
  g_clear_pointer (&c.rand, g_rand_free);
  g_free (c.server);
  g_free (c.username);
  g_free (c.password);
  g_free (c.store_path);
  g_free (c.log_path);
  return 0;
}
