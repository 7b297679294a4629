/* Administration commands of xinbao-server (being written). */
#include "config.h"

#include "xb-server-cli.h"

gboolean
xb_server_cli_is_command (const char *arg)
{
  return FALSE;
}

int
xb_server_cli_run (int argc, char **argv)
{
  return 2;
}
