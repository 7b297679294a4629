/* Test support: a client store of a demo account, synchronised once through the real sync engine. */
#pragma once

#include "xb-store.h"
#include "xb-test-server.h"

G_BEGIN_DECLS

/* Opens (or creates) the store at @path, signs in to @server as @username
 * and runs the sync engine until it is idle; the store stays open. */
XbStore *xb_test_synced_store (XbTestServer *server,
                               const char   *username,
                               const char   *password,
                               const char   *path);

G_END_DECLS
