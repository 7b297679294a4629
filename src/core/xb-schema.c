/* The schema history of the store, one migration script per version, never edited once shipped. */
#include "config.h"

#include "xb-schema.h"

/* Version 1: units, people, items and their immutable events, publications. */
static const char migration_1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE units ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('county','department','provincial','liaison',"
  "                                     'enterprise','direct_point','office')),"
  "  parent_id INTEGER REFERENCES units(id),"
  "  monthly_quota INTEGER NOT NULL DEFAULT -1,"
  "  retired INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  username TEXT NOT NULL UNIQUE,"
  "  display_name TEXT NOT NULL,"
  "  unit_id INTEGER NOT NULL REFERENCES units(id),"
  "  password_hash TEXT,"
  "  disabled INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE user_roles ("
  "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL,"
  "  PRIMARY KEY (user_id, role));"
  "CREATE TABLE items ("
  "  uuid TEXT PRIMARY KEY,"
  "  unit_id INTEGER NOT NULL REFERENCES units(id),"
  "  author_id INTEGER NOT NULL REFERENCES users(id),"
  "  title TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  category TEXT NOT NULL,"
  "  type TEXT NOT NULL,"
  "  angle TEXT NOT NULL,"
  "  importance TEXT NOT NULL,"
  "  urgent INTEGER NOT NULL DEFAULT 0,"
  "  event_at INTEGER,"
  "  state TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  submitted_at INTEGER,"
  "  adopted_at INTEGER,"
  "  merged_into TEXT REFERENCES items(uuid) DEFERRABLE INITIALLY DEFERRED);"
  "CREATE TABLE item_events ("
  "  id TEXT PRIMARY KEY,"
  "  item_uuid TEXT NOT NULL REFERENCES items(uuid),"
  "  seq INTEGER NOT NULL,"
  "  action TEXT NOT NULL,"
  "  actor_id INTEGER NOT NULL,"
  "  role TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  from_state TEXT NOT NULL,"
  "  to_state TEXT NOT NULL,"
  "  comment TEXT,"
  "  UNIQUE (item_uuid, seq));"
  "CREATE TRIGGER item_events_no_update BEFORE UPDATE ON item_events"
  "  BEGIN SELECT RAISE(ABORT, 'item events are immutable'); END;"
  "CREATE TRIGGER item_events_no_delete BEFORE DELETE ON item_events"
  "  BEGIN SELECT RAISE(ABORT, 'item events are immutable'); END;"
  "CREATE TABLE attachments ("
  "  item_uuid TEXT NOT NULL REFERENCES items(uuid),"
  "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
  "  filename TEXT NOT NULL,"
  "  size INTEGER NOT NULL CHECK (size >= 0),"
  "  PRIMARY KEY (item_uuid, sha256));"
  "CREATE TABLE publications ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  code TEXT NOT NULL UNIQUE);"
  "CREATE TABLE issues ("
  "  id INTEGER PRIMARY KEY,"
  "  publication_id INTEGER NOT NULL REFERENCES publications(id),"
  "  year INTEGER NOT NULL,"
  "  number INTEGER NOT NULL,"
  "  published_at INTEGER,"
  "  UNIQUE (publication_id, year, number));"
  "CREATE TABLE adoptions ("
  "  id INTEGER PRIMARY KEY,"
  "  item_uuid TEXT NOT NULL REFERENCES items(uuid),"
  "  publication_id INTEGER REFERENCES publications(id),"
  "  issue_id INTEGER REFERENCES issues(id),"
  "  level TEXT NOT NULL CHECK (level IN ('city','province','national')),"
  "  at INTEGER NOT NULL);"
  "CREATE TABLE instructions ("
  "  id INTEGER PRIMARY KEY,"
  "  item_uuid TEXT NOT NULL REFERENCES items(uuid),"
  "  leader TEXT NOT NULL,"
  "  level TEXT NOT NULL CHECK (level IN ('city','province','national')),"
  "  text TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  followup TEXT NOT NULL DEFAULT 'received'"
  "    CHECK (followup IN ('received','handling','reported')));"
  "CREATE INDEX items_unit ON items (unit_id);"
  "CREATE INDEX adoptions_item ON adoptions (item_uuid);"
  "CREATE INDEX instructions_item ON instructions (item_uuid);";

/* Version 2: tiered sign-off (chain snapshot per item, claims) and the
 * policy table with its history. */
static const char migration_2[] =
  "ALTER TABLE items ADD COLUMN for_mayor INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE items ADD COLUMN signoff_chain TEXT;"
  "ALTER TABLE items ADD COLUMN signoff_step INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE items ADD COLUMN holder_id INTEGER;"
  "CREATE TABLE policies ("
  "  id INTEGER PRIMARY KEY,"
  "  body TEXT NOT NULL,"
  "  changed_by INTEGER,"
  "  changed_at INTEGER NOT NULL,"
  "  effective_from INTEGER NOT NULL);"
  "CREATE INDEX items_state ON items (state);";

/* Version 3: rosters with validity dates, reporting priorities and
 * commissioned requests. */
static const char migration_3[] =
  "CREATE TABLE roster_entries ("
  "  id INTEGER PRIMARY KEY,"
  "  unit_id INTEGER NOT NULL REFERENCES units(id),"
  "  user_id INTEGER NOT NULL REFERENCES users(id),"
  "  post TEXT NOT NULL CHECK (post IN ('leader','officer')),"
  "  starts INTEGER NOT NULL,"
  "  ends INTEGER,"
  "  CHECK (ends IS NULL OR ends > starts));"
  "CREATE INDEX roster_unit ON roster_entries (unit_id, post, starts);"
  "CREATE TABLE priorities ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  active INTEGER NOT NULL DEFAULT 1);"
  "CREATE TABLE requests ("
  "  id INTEGER PRIMARY KEY,"
  "  topic TEXT NOT NULL,"
  "  deadline INTEGER NOT NULL,"
  "  created_by INTEGER REFERENCES users(id));"
  "CREATE TABLE request_units ("
  "  request_id INTEGER NOT NULL REFERENCES requests(id),"
  "  unit_id INTEGER NOT NULL REFERENCES units(id),"
  "  PRIMARY KEY (request_id, unit_id));"
  "ALTER TABLE items ADD COLUMN request_id INTEGER REFERENCES requests(id);";

/* Version 4: full-text search with the trigram tokenizer (Chinese needs no
 * segmenter) and the indexes the statistics run on. */
static const char migration_4[] =
  "CREATE VIRTUAL TABLE items_fts USING fts5("
  "  title, body, content='items', content_rowid='rowid', tokenize='trigram');"
  "INSERT INTO items_fts (rowid, title, body) SELECT rowid, title, body FROM items;"
  "CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN"
  "  INSERT INTO items_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);"
  "END;"
  "CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN"
  "  INSERT INTO items_fts (items_fts, rowid, title, body)"
  "    VALUES ('delete', old.rowid, old.title, old.body);"
  "END;"
  "CREATE TRIGGER items_fts_update AFTER UPDATE OF title, body ON items BEGIN"
  "  INSERT INTO items_fts (items_fts, rowid, title, body)"
  "    VALUES ('delete', old.rowid, old.title, old.body);"
  "  INSERT INTO items_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);"
  "END;"
  "CREATE INDEX items_submitted ON items (submitted_at) WHERE submitted_at IS NOT NULL;"
  "CREATE INDEX items_unit_submitted ON items (unit_id, submitted_at);"
  "CREATE INDEX items_merged_into ON items (merged_into) WHERE merged_into IS NOT NULL;";

/* Version 5: exchange.  The server's change feed (each entity once, at its
 * latest sequence number), sessions, the idempotency record of actions, the
 * client's outbox, and the publication an item is proposed for. */
static const char migration_5[] =
  "ALTER TABLE items ADD COLUMN publication_id INTEGER REFERENCES publications(id);"
  "CREATE TABLE changes ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  unit_id INTEGER,"
  "  adopted INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (kind, key));"
  "CREATE INDEX changes_unit ON changes (unit_id, seq);"
  "INSERT INTO changes (kind, key) SELECT 'unit', id FROM units ORDER BY id;"
  "INSERT INTO changes (kind, key) SELECT 'user', id FROM users ORDER BY id;"
  "INSERT INTO changes (kind, key) SELECT 'publication', id FROM publications ORDER BY id;"
  "INSERT INTO changes (kind, key) SELECT 'priorities', 'all' WHERE EXISTS (SELECT 1 FROM priorities);"
  "INSERT INTO changes (kind, key) SELECT 'policy', 'current' WHERE EXISTS (SELECT 1 FROM policies);"
  "INSERT INTO changes (kind, key, unit_id, adopted)"
  "  SELECT 'item', uuid, unit_id, state = 'adopted' FROM items ORDER BY updated_at, uuid;"
  "CREATE TABLE sessions ("
  "  token_hash TEXT PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users(id),"
  "  created_at INTEGER NOT NULL,"
  "  expires_at INTEGER NOT NULL,"
  "  revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX sessions_user ON sessions (user_id);"
  "CREATE TABLE actions ("
  "  id TEXT PRIMARY KEY,"
  "  request_hash TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  response TEXT NOT NULL,"
  "  at INTEGER NOT NULL);"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  op_id TEXT NOT NULL UNIQUE,"
  "  method TEXT NOT NULL,"
  "  path TEXT NOT NULL,"
  "  body TEXT,"
  "  item_uuid TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  error TEXT,"
  "  failed INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX outbox_item ON outbox (item_uuid);";

/* Version 6: a covering index for the statistics: a period's submissions
 * with their adoption, read without touching the table. */
static const char migration_6[] =
  "CREATE INDEX items_stats ON items (submitted_at, unit_id, adopted_at, merged_into)"
  "  WHERE submitted_at IS NOT NULL;";

/* Version 7: the contents of each issue of a publication, in order. */
static const char migration_7[] =
  "CREATE TABLE issue_items ("
  "  issue_id INTEGER NOT NULL REFERENCES issues(id),"
  "  item_uuid TEXT NOT NULL REFERENCES items(uuid),"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (issue_id, item_uuid));"
  "CREATE INDEX issue_items_order ON issue_items (issue_id, position);"
  "INSERT INTO issue_items (issue_id, item_uuid, position)"
  "  SELECT issue_id, item_uuid, row_number() OVER (PARTITION BY issue_id ORDER BY at, item_uuid)"
  "  FROM adoptions WHERE issue_id IS NOT NULL GROUP BY issue_id, item_uuid;"
  "ALTER TABLE issues ADD COLUMN published INTEGER NOT NULL DEFAULT 0;"
  "UPDATE issues SET published = 1 WHERE published_at IS NOT NULL;";

/* Version 8: frozen quarterly bulletins, one per quarter, the figures kept
 * as the CSV they were published with. */
static const char migration_8[] =
  "CREATE TABLE bulletins ("
  "  period TEXT PRIMARY KEY,"
  "  taken_at INTEGER NOT NULL,"
  "  published_at INTEGER NOT NULL,"
  "  published_by INTEGER,"
  "  csv TEXT NOT NULL);";

/* Version 9: issues enter the change feed. */
static const char migration_9[] =
  "INSERT OR IGNORE INTO changes (kind, key) SELECT 'issue', id FROM issues ORDER BY id;";

/* Version 10: an event that sets the item's text (submit, edit, compose)
 * keeps the title and body as they stood after it, so the history can
 * show what changed from one revision to the next. */
static const char migration_10[] =
  "ALTER TABLE item_events ADD COLUMN title TEXT;"
  "ALTER TABLE item_events ADD COLUMN body TEXT;";

/* Version 11: rosters enter the change feed, one change per unit. */
static const char migration_11[] =
  "INSERT OR IGNORE INTO changes (kind, key, unit_id)"
  "  SELECT DISTINCT 'roster', unit_id, unit_id FROM roster_entries ORDER BY unit_id;";

/* Version 12: roster entries an officer proposes for their unit, pending
 * until the office approves (applying them) or rejects them with a reason. */
static const char migration_12[] =
  "CREATE TABLE roster_proposals ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  unit_id INTEGER NOT NULL REFERENCES units(id),"
  "  post TEXT NOT NULL CHECK (post IN ('leader','officer')),"
  "  user_id INTEGER REFERENCES users(id),"
  "  person_name TEXT,"
  "  starts INTEGER NOT NULL,"
  "  proposed_by INTEGER REFERENCES users(id),"
  "  proposed_at INTEGER NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),"
  "  decided_by INTEGER REFERENCES users(id),"
  "  decided_at INTEGER,"
  "  reason TEXT,"
  "  CHECK (user_id IS NOT NULL OR person_name IS NOT NULL));"
  "CREATE INDEX roster_proposals_unit ON roster_proposals (unit_id, status);";

/* The office sees an item once it has left its unit: a change row says so
 * (units' drafts and items in unit review stay the unit's own). */
static const char migration_13[] =
  "ALTER TABLE changes ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;"
  "UPDATE changes SET sent = EXISTS (SELECT 1 FROM items i WHERE i.uuid = changes.key"
  "  AND (i.submitted_at IS NOT NULL OR i.state NOT IN ('draft', 'unit_review', 'returned')))"
  " WHERE kind = 'item';";

/* The item list's default order (newest first by when an item left its
 * unit, else when it was made) walks this index instead of sorting every
 * item for each page: the expression must stay the one sort_expression()
 * writes in xb-store.c. */
static const char migration_14[] =
  "CREATE INDEX items_list_time ON items (coalesce(submitted_at, created_at), uuid);";

/* Version 15: a periodical the office no longer publishes is retired: its
 * issues and adoptions stay, but nothing new is proposed for it. */
static const char migration_15[] =
  "ALTER TABLE publications ADD COLUMN retired INTEGER NOT NULL DEFAULT 0;";

static const char *const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
  migration_11,
  migration_12,
  migration_13,
  migration_14,
  migration_15,
};

const char *const *
xb_schema_migrations (int *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
