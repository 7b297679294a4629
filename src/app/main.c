/* Entry point of the Xinbao desktop application. */
#include "config.h"

#include "xb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(XbApplication) app = NULL;

  xb_application_init_i18n ();
  app = xb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
