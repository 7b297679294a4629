/* Test support for UI tests: toolkit set-up, waiting on the main loop, widget lookup, screenshots and per-locale subprocesses. */
#pragma once

#include <adwaita.h>

#include "xb-application.h"
#include "xb-window.h"

G_BEGIN_DECLS

#define XB_TEST_UI_TIMEOUT_SECONDS 60

typedef gboolean (*XbTestUiDone) (gpointer user_data);

/* i18n, gtk_init, adw_init, animations off (screenshots must not catch a
 * page sliding in). */
void           xb_test_ui_init              (void);
/* A registered, non-unique application for a test. */
XbApplication *xb_test_ui_new_application   (void);
/* Iterates the main loop until @done returns TRUE (asked after every event
 * and at least every 50 ms); aborts the test with
 * "Timed out waiting for @what" after XB_TEST_UI_TIMEOUT_SECONDS. */
void           xb_test_ui_wait_until        (XbTestUiDone  done,
                                             gpointer      user_data,
                                             const char   *what);
/* Runs the main loop for about @ms milliseconds. */
void           xb_test_ui_spin              (guint         ms);
/* Waits until @widget's window has painted twice, then drains pending work. */
void           xb_test_ui_wait_for_paint    (GtkWidget    *widget);
/* Puts @widget in a new window of @width × @height, presents it, waits for
 * it to be painted and returns the window. */
GtkWidget     *xb_test_ui_show              (GtkWidget    *widget,
                                             int           width,
                                             int           height);
/* The first widget of @type in @root's tree (depth first), or NULL. */
GtkWidget     *xb_test_ui_find_widget       (GtkWidget    *root,
                                             GType         type);
/* A visible toplevel window of @type (a dialog a click opened), or NULL. */
GtkWidget     *xb_test_ui_find_toplevel     (GType         type);
/* Waits until xb_test_ui_find_toplevel() finds one and returns it. */
GtkWidget     *xb_test_ui_wait_toplevel     (GType         type);
/* The first GtkButton, GtkLabel, AdwActionRow… whose label, title or
 * tooltip is @text, or NULL. */
GtkWidget     *xb_test_ui_find_by_label     (GtkWidget    *root,
                                             const char   *text);
/* The first widget whose gtk_widget_get_name() or buildable id is @name. */
GtkWidget     *xb_test_ui_find_by_name      (GtkWidget    *root,
                                             const char   *name);
/* Renders @widget as it is on screen to $G_TEST_BUILDDIR/@name (a PNG) and
 * returns the path. */
char          *xb_test_ui_save_png          (GtkWidget    *widget,
                                             const char   *name);
/* Like xb_test_ui_save_png(), for a widget that may not have drawn yet:
 * waits for up to five paints, and when it still gives no picture, says so
 * with g_test_message() and returns NULL instead of failing (screenshots
 * are for people to look at; behaviour is asserted elsewhere). */
char          *xb_test_ui_try_save_png      (GtkWidget    *widget,
                                             const char   *name);
/* Runs @body in a child process with LANGUAGE=@language (NULL for the C
 * locale's English) and asserts it passed: the locale must be set before
 * the first gettext call and GTK initialises once per process.  In the
 * child, calls @body. */
void           xb_test_ui_in_subprocess     (void        (*body) (void),
                                             const char   *language);
/* TRUE when the built zh_CN catalogue ($XB_LOCALEDIR) exists. */
gboolean       xb_test_ui_zh_cn_available   (void);

G_END_DECLS
