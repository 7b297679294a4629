/* The baseline of bench/server-throughput.sh: a bare SoupServer answering a fixed small
 * JSON body, set up like xinbao-server (one main loop, HTTP/1.1 keep-alive, loopback).
 *
 *   cc -O2 -o /tmp/bare-soup-server bench/bare-soup-server.c $(pkg-config --cflags --libs libsoup-3.0)
 *   /tmp/bare-soup-server [PORT]      # 0 or nothing: a free port
 *
 * Prints "listening on URL" once it accepts connections; SIGTERM or SIGINT stops it. */
#include <glib-unix.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>

static const char body[] = "{\"status\":\"ok\",\"version\":\"0.1.0\",\"schema\":6}";

static void
handle (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
        gpointer user_data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    sizeof body - 1);
}

static gboolean
on_signal (gpointer loop)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char **argv)
{
  guint port = argc > 1 ? (guint) atoi (argv[1]) : 0;
  SoupServer *server = soup_server_new ("server-header", "bare-soup-server ", NULL);
  GInetAddress *loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  GSocketAddress *address = g_inet_socket_address_new (loopback, port);
  GMainLoop *loop = g_main_loop_new (NULL, FALSE);
  GError *error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, handle, NULL, NULL);
  if (!soup_server_listen (server, address, 0, &error))
    {
      fprintf (stderr, "bare-soup-server: %s\n", error->message);
      return 1;
    }
  uris = soup_server_get_uris (server);
  for (GSList *l = uris; l != NULL; l = l->next)
    {
      char *text = g_uri_to_string (l->data);
      printf ("listening on %s\n", text);
      g_free (text);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  fflush (stdout);

  g_unix_signal_add (SIGTERM, on_signal, loop);
  g_unix_signal_add (SIGINT, on_signal, loop);
  g_main_loop_run (loop);

  g_main_loop_unref (loop);
  g_object_unref (address);
  g_object_unref (loopback);
  g_object_unref (server);
  return 0;
}
