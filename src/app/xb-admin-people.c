/* The Administration page's section for people: every account with its unit and roles, searched; create, edit, reset a password, disable and enable. */
#include "config.h"

#include "xb-admin-people.h"

#include <string.h>

#include <glib/gi18n.h>

#include "xb-codec.h"

/* The server refuses shorter passwords (XB_PASSWORD_MIN_CHARS in
 * src/server/xb-password.h); checked here first so nothing is sent. */
#define MIN_PASSWORD_CHARS 8

/* The controls of one form: the new account's (every field), a person's
 * details (name, unit, roles) or a person's password reset (passwords). */
typedef struct {
  GtkWidget *username;
  GtkWidget *name;
  GtkWidget *unit;
  GtkWidget *roles[XB_N_ROLES];
  GtkWidget *password;
  GtkWidget *confirm;
  GtkWidget *message;
  GArray    *unit_ids;       /* gint64 per item of the unit combo */
} Form;

/* One account's row; the row owns it (object data "person"). */
typedef struct {
  XbAdminPeople *self;
  XbUser    *user;
  GtkWidget *row;
  GtkWidget *avatar;
  GtkWidget *you_tag;
  GtkWidget *disabled_tag;
  Form       details;        /* details.name is NULL until first expanded */
  Form       reset;
  GtkWidget *access_row;
  GtkWidget *access_button;
  guint      unit_rank;      /* the unit's place in the store's order */
  char      *name_key;       /* collation key of the name */
  char      *haystack;       /* casefolded text the search looks in */
} Person;

struct _XbAdminPeople
{
  XbAdminSection parent_instance;

  Form        create;
  GtkWidget  *new_row;
  GtkWidget  *people_group;
  GtkWidget  *search;
  GtkWidget  *list;
  GtkWidget  *placeholder;
  GHashTable *rows;          /* user id (gint64*) → AdwExpanderRow, unowned */
  GPtrArray  *units;         /* XbUnit*, from the store */
  gint64      me;            /* the signed-in administrator's id */
};

G_DEFINE_FINAL_TYPE (XbAdminPeople, xb_admin_people, XB_TYPE_ADMIN_SECTION)

static void show_user (XbAdminPeople *self, const XbUser *user);

/* ---- small helpers ------------------------------------------------------------------ */

/* The unit's place in the store's list (by kind, then name), or G_MAXUINT. */
static guint
unit_rank (XbAdminPeople *self, gint64 id)
{
  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    if (((XbUnit *) self->units->pdata[i])->id == id)
      return i;
  return G_MAXUINT;
}

static const char *
unit_name (XbAdminPeople *self, gint64 id)
{
  guint rank = unit_rank (self, id);

  return rank != G_MAXUINT ? ((XbUnit *) self->units->pdata[rank])->name : NULL;
}

static char *
dup_unit_name (XbAdminPeople *self, gint64 id)
{
  const char *name = unit_name (self, id);

  /* TRANSLATORS: a unit known only by its number */
  return name != NULL ? g_strdup (name) : g_strdup_printf (_("Unit %lld"), (long long) id);
}

static char *
roles_text (XbRoles roles)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (int r = 0; r < XB_N_ROLES; r++)
    if (roles & XB_ROLE_BIT (r))
      g_ptr_array_add (labels, (gpointer) xb_role_label ((XbRole) r));
  if (labels->len == 0)
    return g_strdup (_("No role"));
  g_ptr_array_add (labels, NULL);
  /* TRANSLATORS: separates the roles of one account */
  return g_strjoinv (_(", "), (char **) labels->pdata);
}

static const char *
user_name (const XbUser *user)
{
  return user->display_name != NULL && user->display_name[0] != '\0' ? user->display_name : user->username;
}

static void
set_accessible_label (GtkWidget *widget, const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkWidget *
badge (const char *text, const char *kind)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, kind);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

/* A row of an expander that is only a container (not activatable). */
static GtkWidget *
plain_row (GtkWidget *child, const char *label)
{
  GtkWidget *row = gtk_list_box_row_new ();

  set_accessible_label (row, label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  return row;
}

/* ---- forms -------------------------------------------------------------------------- */

static void
unmark (GtkWidget *widget)
{
  gtk_widget_remove_css_class (widget, "error");
}

static void
mark (GtkWidget *widget, GString *problems, const char *text)
{
  gtk_widget_add_css_class (widget, "error");
  if (problems->len > 0)
    g_string_append_c (problems, '\n');
  g_string_append (problems, text);
}

static void
form_say (Form *f, const char *text)
{
  gtk_label_set_text (GTK_LABEL (f->message), text != NULL ? text : "");
  gtk_widget_set_visible (f->message, text != NULL && text[0] != '\0');
}

/* The peek button of a password row has only an icon: give it words. */
static void
label_buttons (GtkWidget *root, const char *label)
{
  if (GTK_IS_BUTTON (root))
    set_accessible_label (root, label);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    label_buttons (child, label);
}

static GtkWidget *
entry_row (GType type, const char *title, const char *name)
{
  GtkWidget *row = g_object_new (type, "title", title, "use-markup", FALSE, NULL);

  gtk_widget_set_name (row, name);
  set_accessible_label (row, title);
  set_accessible_label (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (row))), title);
  g_signal_connect (row, "changed", G_CALLBACK (unmark), NULL);
  if (type == ADW_TYPE_PASSWORD_ENTRY_ROW)
    label_buttons (row, _("Show or hide the password"));
  return row;
}

static GtkWidget *
roles_box (Form *f, const char *prefix)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Roles"));
  GtkWidget *flow = gtk_flow_box_new ();
  g_autofree char *flow_name = g_strconcat (prefix, "-roles", NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (box), title);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_widget_set_name (flow, flow_name);
  set_accessible_label (flow, _("Roles"));
  for (int r = 0; r < XB_N_ROLES; r++)
    {
      g_autofree char *name = g_strdup_printf ("%s-role-%s", prefix, xb_role_to_string ((XbRole) r));

      f->roles[r] = gtk_check_button_new_with_label (xb_role_label ((XbRole) r));
      gtk_widget_set_name (f->roles[r], name);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), f->roles[r]);
      /* The check takes the keyboard focus, not the flow box's child. */
      gtk_widget_set_focusable (gtk_widget_get_parent (f->roles[r]), FALSE);
    }
  gtk_box_append (GTK_BOX (box), flow);
  return plain_row (box, _("Roles"));
}

/* Display name, unit and roles (and the username for a new account) into
 * @expander, their widget names starting with @prefix. */
static void
form_add_details (Form *f, GtkWidget *expander, const char *prefix, gboolean with_username)
{
  g_autofree char *name_name = g_strconcat (prefix, "-name", NULL);
  g_autofree char *unit_name_ = g_strconcat (prefix, "-unit", NULL);

  if (with_username)
    {
      g_autofree char *username_name = g_strconcat (prefix, "-username", NULL);
      f->username = entry_row (ADW_TYPE_ENTRY_ROW, _("Username"), username_name);
      adw_entry_row_set_input_hints (ADW_ENTRY_ROW (f->username),
                                     GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_LOWERCASE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), f->username);
    }
  f->name = entry_row (ADW_TYPE_ENTRY_ROW, _("Full name"), name_name);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (f->name), GTK_INPUT_PURPOSE_NAME);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), f->name);
  f->unit = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->unit), _("Unit"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (f->unit), FALSE);
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (f->unit), TRUE);
  gtk_widget_set_name (f->unit, unit_name_);
  set_accessible_label (f->unit, _("Unit"));
  g_signal_connect_swapped (f->unit, "notify::selected", G_CALLBACK (unmark), f->unit);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), f->unit);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), roles_box (f, prefix));
  f->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
form_add_passwords (Form *f, GtkWidget *expander, const char *prefix, const char *first, const char *second)
{
  g_autofree char *password_name = g_strconcat (prefix, "-password", NULL);
  g_autofree char *confirm_name = g_strconcat (prefix, "-confirm", NULL);

  f->password = entry_row (ADW_TYPE_PASSWORD_ENTRY_ROW, first, password_name);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), f->password);
  f->confirm = entry_row (ADW_TYPE_PASSWORD_ENTRY_ROW, second, confirm_name);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), f->confirm);
}

/* The form's message (hidden until there is one) beside its @button. */
static void
form_add_button (Form *f, GtkWidget *expander, const char *prefix, GtkWidget *button, const char *label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *message_name = g_strconcat (prefix, "-message", NULL);

  f->message = gtk_label_new (NULL);
  gtk_widget_set_name (f->message, message_name);
  gtk_label_set_wrap (GTK_LABEL (f->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (f->message), 0);
  gtk_widget_set_hexpand (f->message, TRUE);
  gtk_widget_add_css_class (f->message, "error");
  gtk_widget_set_visible (f->message, FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  f->message, NULL, -1);
  gtk_box_append (GTK_BOX (box), f->message);
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), plain_row (box, label));
}

static void
form_clear (Form *f)
{
  g_clear_pointer (&f->unit_ids, g_array_unref);
}

/* The combo lists the units not retired, and @selected's unit even when it
 * is; nothing is selected when @selected is 0 or unknown. */
static void
form_fill_units (Form *f, XbAdminPeople *self, gint64 selected)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint position = GTK_INVALID_LIST_POSITION;

  g_array_set_size (f->unit_ids, 0);
  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    {
      XbUnit *unit = self->units->pdata[i];

      if (unit->retired && unit->id != selected)
        continue;
      if (unit->id == selected)
        position = f->unit_ids->len;
      if (unit->retired)
        {
          /* TRANSLATORS: a unit that no longer reports, still the person's unit */
          g_autofree char *label = g_strdup_printf (_("%s (retired)"), unit->name);
          gtk_string_list_append (names, label);
        }
      else
        gtk_string_list_append (names, unit->name);
      g_array_append_val (f->unit_ids, unit->id);
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (f->unit), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (f->unit), position);
  unmark (f->unit);
}

static gint64
form_unit_id (Form *f)
{
  guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (f->unit));

  return position < f->unit_ids->len ? g_array_index (f->unit_ids, gint64, position) : 0;
}

static XbRoles
form_roles (Form *f)
{
  XbRoles roles = 0;

  for (int r = 0; r < XB_N_ROLES; r++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (f->roles[r])))
      roles |= XB_ROLE_BIT (r);
  return roles;
}

static void
form_set_roles (Form *f, XbRoles roles)
{
  for (int r = 0; r < XB_N_ROLES; r++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (f->roles[r]), (roles & XB_ROLE_BIT (r)) != 0);
}

static char *
form_text (GtkWidget *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
has_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
check_name (GtkWidget *row, GString *problems, const char *empty_text)
{
  g_autofree char *text = form_text (row);

  if (text[0] == '\0')
    mark (row, problems, empty_text);
  else if (g_utf8_strlen (text, -1) > XB_NAME_MAX_CHARS)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” is too long: at most %d character.",
                                                               "“%s” is too long: at most %d characters.",
                                                               XB_NAME_MAX_CHARS),
                                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                                  XB_NAME_MAX_CHARS);
      mark (row, problems, message);
    }
}

/* Every problem of the form's details, one a line; marks each field. */
static void
form_check_details (Form *f, XbAdminPeople *self, GString *problems)
{
  if (f->username != NULL)
    {
      check_name (f->username, problems, _("Type a username: the person signs in with it."));
      if (has_space (gtk_editable_get_text (GTK_EDITABLE (f->username))))
        mark (f->username, problems, _("A username cannot contain spaces."));
    }
  check_name (f->name, problems, _("Type the person’s full name."));
  if (f->unit_ids->len == 0)
    mark (f->unit, problems, _("There are no units yet: create them in the Units section first."));
  else if (form_unit_id (f) == 0)
    mark (f->unit, problems, _("Choose the person’s unit."));
  if (form_roles (f) == 0)
    {
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append (problems, _("Choose at least one role."));
    }
}

static void
form_check_passwords (Form *f, GString *problems)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (f->password));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (f->confirm));

  if (g_utf8_strlen (password, -1) < MIN_PASSWORD_CHARS)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The password needs at least %d character.",
                                                               "The password needs at least %d characters.",
                                                               MIN_PASSWORD_CHARS),
                                                  MIN_PASSWORD_CHARS);
      mark (f->password, problems, message);
    }
  else if (g_strcmp0 (password, confirm) != 0)
    mark (f->confirm, problems, _("The two passwords differ: type the same password twice."));
}

static void
form_clear_passwords (Form *f)
{
  gtk_editable_set_text (GTK_EDITABLE (f->password), "");
  gtk_editable_set_text (GTK_EDITABLE (f->confirm), "");
}

/* The user as the server takes it, with @password when one is set. */
static JsonNode *
user_body (const XbUser *user, const char *password)
{
  JsonNode *node = xb_user_to_node (user);
  JsonObject *obj = json_node_get_object (node);

  if (user->id == 0)
    json_object_remove_member (obj, "id");
  if (password != NULL)
    json_object_set_string_member (obj, "password", password);
  return node;
}

/* The "user" of a server's answer, or NULL. */
static XbUser *
answer_user (XbAdminPeople *self, JsonObject *answer)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_object_get_member (answer, "user");
  XbUser *user = node != NULL ? xb_user_from_node (node, &error) : NULL;

  if (user == NULL)
    xb_admin_section_toast (XB_ADMIN_SECTION (self), _("The server’s answer could not be read."));
  return user;
}

static void
changed_on_server (XbAdminPeople *self)
{
  XbSyncEngine *engine = xb_admin_section_get_engine (XB_ADMIN_SECTION (self));

  if (engine != NULL)
    xb_sync_engine_kick (engine);
  xb_admin_section_reload (XB_ADMIN_SECTION (self));
}

static const char *
offline_text (void)
{
  return _("Managing accounts needs a connection to the server; you are offline.");
}

/* ---- the list ----------------------------------------------------------------------- */

static Person *
row_person (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "person");
}

static Person *
find_person (XbAdminPeople *self, gint64 id)
{
  GtkWidget *row = self->rows != NULL ? g_hash_table_lookup (self->rows, &id) : NULL;

  return row != NULL ? row_person (row) : NULL;
}

static void
person_free (Person *p)
{
  g_clear_pointer (&p->user, xb_user_free);
  form_clear (&p->details);
  g_free (p->name_key);
  g_free (p->haystack);
  g_free (p);
}

static void
update_dim (Person *p)
{
  /* Dimmed while folded; the open form stays readable. */
  if (p->user->disabled && !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (p->row)))
    gtk_widget_add_css_class (p->row, "dim-label");
  else
    gtk_widget_remove_css_class (p->row, "dim-label");
}

static void
update_access (Person *p)
{
  if (p->access_row == NULL)
    return;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (p->access_row),
                               p->user->disabled ? _("Disabled: this person cannot sign in.")
                                                 : _("This person can sign in."));
  gtk_button_set_label (GTK_BUTTON (p->access_button),
                        p->user->disabled ? _("_Enable Account") : _("_Disable Account…"));
  if (p->user->disabled)
    gtk_widget_remove_css_class (p->access_button, "destructive-action");
  else
    gtk_widget_add_css_class (p->access_button, "destructive-action");
}

/* Shows @user in its row: title, subtitle, tags, search text. */
static void
person_show (Person *p, const XbUser *user)
{
  XbAdminPeople *self = p->self;
  g_autofree char *unit = dup_unit_name (self, user->unit_id);
  g_autofree char *roles = roles_text (user->roles);
  /* TRANSLATORS: an account's username, unit and roles under its name */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s"), user->username, unit, roles);
  g_autofree char *row_name = g_strconcat ("person-", user->username, NULL);
  g_autofree char *all = g_strjoin (" ", user_name (user), user->username, unit, roles, NULL);
  g_autofree char *description = NULL;
  XbUser *copy = xb_user_copy (user);   /* @user may be p->user */

  g_clear_pointer (&p->user, xb_user_free);
  p->user = copy;
  user = copy;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (p->row), user_name (user));
  set_accessible_label (p->row, user_name (user));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (p->row), subtitle);
  adw_avatar_set_text (ADW_AVATAR (p->avatar), user_name (user));
  gtk_widget_set_name (p->row, row_name);
  gtk_widget_set_visible (p->you_tag, user->id == self->me);
  gtk_widget_set_visible (p->disabled_tag, user->disabled);
  description = user->disabled ? g_strdup_printf (_("%s, disabled"), subtitle) : g_strdup (subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (p->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  update_dim (p);
  update_access (p);
  p->unit_rank = unit_rank (self, user->unit_id);
  g_free (p->name_key);
  p->name_key = g_utf8_collate_key (user_name (user), -1);
  g_free (p->haystack);
  p->haystack = g_utf8_casefold (all, -1);
}

static void
form_show_details (Form *f, XbAdminPeople *self, const XbUser *user)
{
  gtk_editable_set_text (GTK_EDITABLE (f->name), user->display_name);
  form_fill_units (f, self, user->unit_id);
  form_set_roles (f, user->roles);
  unmark (f->name);
  form_say (f, NULL);
}

/* The server's copy of account @id after a change, shown in its row; NULL
 * (and *@user unset) when the change was refused or the row is gone. */
static Person *
show_changed (XbAdminPeople *self, JsonObject *answer, gint64 id, XbUser **user)
{
  Person *p = find_person (self, id);

  if (answer == NULL || p == NULL || (*user = answer_user (self, answer)) == NULL)
    return NULL;
  person_show (p, *user);
  return p;
}

/* Says what was done, then lets the rest of the app know. */
static void G_GNUC_PRINTF (2, 3)
announce (XbAdminPeople *self, const char *format, ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  xb_admin_section_toast (XB_ADMIN_SECTION (self), text);
  changed_on_server (self);
}

static void
on_details_saved (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminPeople *self = XB_ADMIN_PEOPLE (section);
  g_autoptr(XbUser) user = NULL;
  Person *p = show_changed (self, answer, GPOINTER_TO_SIZE (user_data), &user);

  if (p == NULL)
    return;
  form_show_details (&p->details, self, user);
  announce (self, _("Changes to %s saved."), user_name (user));
}

static void
on_save_clicked (Person *p)
{
  XbAdminPeople *self = p->self;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(XbUser) user = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  form_check_details (&p->details, self, problems);
  form_say (&p->details, problems->str);
  if (problems->len > 0)
    return;
  user = xb_user_copy (p->user);
  g_free (user->display_name);
  user->display_name = form_text (p->details.name);
  user->unit_id = form_unit_id (&p->details);
  user->roles = form_roles (&p->details);
  body = user_body (user, NULL);
  path = g_strdup_printf ("/api/v1/admin/users/%lld", (long long) user->id);
  xb_admin_section_request (XB_ADMIN_SECTION (self), "PUT", path, body, offline_text (),
                            on_details_saved, GSIZE_TO_POINTER (user->id));
}

static void
on_password_reset (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminPeople *self = XB_ADMIN_PEOPLE (section);
  g_autoptr(XbUser) user = NULL;
  Person *p = show_changed (self, answer, GPOINTER_TO_SIZE (user_data), &user);

  if (p == NULL)
    return;
  form_clear_passwords (&p->reset);
  announce (self, _("New password set for %s."), user_name (user));
}

static void
on_reset_clicked (Person *p)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  form_check_passwords (&p->reset, problems);
  form_say (&p->reset, problems->str);
  if (problems->len > 0)
    return;
  /* The account as the server has it: unsaved edits above are not sent. */
  body = user_body (p->user, gtk_editable_get_text (GTK_EDITABLE (p->reset.password)));
  path = g_strdup_printf ("/api/v1/admin/users/%lld", (long long) p->user->id);
  xb_admin_section_request (XB_ADMIN_SECTION (p->self), "PUT", path, body, offline_text (),
                            on_password_reset, GSIZE_TO_POINTER (p->user->id));
}

static void
on_access_changed (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminPeople *self = XB_ADMIN_PEOPLE (section);
  g_autoptr(XbUser) user = NULL;

  if (show_changed (self, answer, GPOINTER_TO_SIZE (user_data), &user) == NULL)
    return;
  announce (self, user->disabled ? _("%s is disabled and signed out.") : _("%s can sign in again."),
            user_name (user));
}

static void
send_access (XbAdminPeople *self, const XbUser *current, gboolean disabled)
{
  g_autoptr(XbUser) user = xb_user_copy (current);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/admin/users/%lld", (long long) user->id);

  user->disabled = disabled;
  body = user_body (user, NULL);
  xb_admin_section_request (XB_ADMIN_SECTION (self), "PUT", path, body, offline_text (),
                            on_access_changed, GSIZE_TO_POINTER (user->id));
}

static void
on_disable_response (AdwMessageDialog *dialog, const char *response, XbAdminPeople *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "user-id"));
  Person *p;

  if (g_strcmp0 (response, "disable") != 0 || self->rows == NULL || (p = find_person (self, id)) == NULL)
    return;
  send_access (self, p->user, TRUE);
}

/* Disabling ends the person's sessions at once: asked first. */
static void
confirm_disable (Person *p)
{
  GtkRoot *root = gtk_widget_get_root (p->row);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("%s (%s) is signed out at once on every computer and cannot sign in "
                            "until the account is enabled again. Their items and history stay."),
                          user_name (p->user), p->user->username);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Disable This Account?"), body);
  gtk_widget_set_name (dialog, "person-disable-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "disable", _("_Disable Account"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "disable", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "user-id", GSIZE_TO_POINTER (p->user->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disable_response), p->self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_access_clicked (Person *p)
{
  if (p->user->disabled)
    send_access (p->self, p->user, FALSE);
  else
    confirm_disable (p);
}

static GtkWidget *
button (const char *mnemonic, const char *name, const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  gtk_widget_set_name (button, name);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return button;
}

static void
person_build_form (Person *p)
{
  GtkWidget *save = button (_("_Save Changes"), "person-save", "suggested-action");
  GtkWidget *reset = button (_("_Reset Password"), "person-reset", NULL);

  form_add_details (&p->details, p->row, "person", FALSE);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_clicked), p);
  g_signal_connect_swapped (p->details.name, "entry-activated", G_CALLBACK (on_save_clicked), p);
  form_add_button (&p->details, p->row, "person", save, _("Save Changes"));

  form_add_passwords (&p->reset, p->row, "person", _("New password"), _("New password again"));
  g_signal_connect_swapped (reset, "clicked", G_CALLBACK (on_reset_clicked), p);
  g_signal_connect_swapped (p->reset.confirm, "entry-activated", G_CALLBACK (on_reset_clicked), p);
  form_add_button (&p->reset, p->row, "person-reset", reset, _("Reset Password"));

  p->access_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (p->access_row), _("Sign-in"));
  p->access_button = button (_("_Disable Account…"), "person-access", NULL);
  gtk_widget_set_valign (p->access_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (p->access_button, "clicked", G_CALLBACK (on_access_clicked), p);
  adw_action_row_add_suffix (ADW_ACTION_ROW (p->access_row), p->access_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (p->row), p->access_row);
  update_access (p);
}

/* The form is built when a row first opens and shows the account as it is
 * each time it opens; a reload while it is open keeps what was typed. */
static void
on_person_expanded (Person *p)
{
  update_dim (p);
  if (!adw_expander_row_get_expanded (ADW_EXPANDER_ROW (p->row)))
    return;
  if (p->details.name == NULL)
    person_build_form (p);
  form_show_details (&p->details, p->self, p->user);
  form_clear_passwords (&p->reset);
  unmark (p->reset.password);
  unmark (p->reset.confirm);
  form_say (&p->reset, NULL);
}

static GtkWidget *
person_row_new (XbAdminPeople *self, const XbUser *user)
{
  Person *p = g_new0 (Person, 1);

  p->self = self;
  p->row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (p->row), FALSE);
  p->avatar = adw_avatar_new (32, NULL, TRUE);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (p->row), p->avatar);
  p->you_tag = badge (_("You"), "state");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (p->row), p->you_tag);
  p->disabled_tag = badge (_("Disabled"), "importance");
  gtk_widget_set_name (p->disabled_tag, "person-disabled-tag");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (p->row), p->disabled_tag);
  g_object_set_data_full (G_OBJECT (p->row), "person", p, (GDestroyNotify) person_free);
  g_signal_connect_swapped (p->row, "notify::expanded", G_CALLBACK (on_person_expanded), p);
  person_show (p, user);
  return p->row;
}

static int
compare_rows (GtkListBoxRow *a, GtkListBoxRow *b, gpointer user_data)
{
  Person *pa = row_person (GTK_WIDGET (a));
  Person *pb = row_person (GTK_WIDGET (b));
  /* Unit by unit as the Units section lists them; former staff last. */
  if (pa->unit_rank != pb->unit_rank)
    return pa->unit_rank < pb->unit_rank ? -1 : 1;
  if (pa->user->disabled != pb->user->disabled)
    return pa->user->disabled ? 1 : -1;
  return strcmp (pa->name_key, pb->name_key);
}

static char *
search_needle (XbAdminPeople *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search))));

  return g_utf8_casefold (text, -1);
}

static gboolean
filter_row (GtkListBoxRow *row, gpointer user_data)
{
  XbAdminPeople *self = user_data;
  g_autofree char *needle = search_needle (self);

  return needle[0] == '\0' || strstr (row_person (GTK_WIDGET (row))->haystack, needle) != NULL;
}

static void
update_summary (XbAdminPeople *self)
{
  guint n = g_hash_table_size (self->rows);
  guint n_disabled = 0;
  GHashTableIter iter;
  gpointer row;
  g_autofree char *accounts = NULL;
  g_autofree char *summary = NULL;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    n_disabled += row_person (row)->user->disabled;
  accounts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u account", "%u accounts", n), n);
  if (n_disabled > 0)
    /* TRANSLATORS: "12 accounts, 2 disabled" */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u disabled", "%s, %u disabled", n_disabled),
                               accounts, n_disabled);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->people_group),
                                         n == 0 ? NULL : summary != NULL ? summary : accounts);
  gtk_label_set_text (GTK_LABEL (self->placeholder),
                      n == 0 ? _("No people yet. Add the units first, then create an account for each officer, "
                                 "unit leader and member of the office above: each signs in with the username "
                                 "and password you give them.")
                             : _("Nobody matches the search. Search by name, username, unit or role."));
}

static void
on_search_changed (XbAdminPeople *self)
{
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
}

static void
show_user (XbAdminPeople *self, const XbUser *user)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, &user->id);

  if (row != NULL)
    {
      person_show (row_person (row), user);
      gtk_list_box_row_changed (GTK_LIST_BOX_ROW (row));
      return;
    }
  row = person_row_new (self, user);
  g_hash_table_insert (self->rows, g_memdup2 (&user->id, sizeof user->id), row);
  gtk_list_box_append (GTK_LIST_BOX (self->list), row);
}

static void
on_users (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminPeople *self = XB_ADMIN_PEOPLE (section);
  JsonArray *users;

  if (answer == NULL || self->rows == NULL)
    return;
  users = json_object_get_array_member (answer, "users");
  for (guint i = 0; users != NULL && i < json_array_get_length (users); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(XbUser) user = xb_user_from_node (json_array_get_element (users, i), &error);

      if (user != NULL)
        show_user (self, user);
    }
  update_summary (self);
}

static void
show_store_users (XbAdminPeople *self, XbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = xb_store_list_users (store, &error);

  if (users == NULL)
    {
      xb_admin_section_toast (XB_ADMIN_SECTION (self), error->message);
      return;
    }
  for (guint i = 0; i < users->len; i++)
    show_user (self, users->pdata[i]);
  update_summary (self);
}

static void
load_units (XbAdminPeople *self, XbStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 chosen = form_unit_id (&self->create);
  GHashTableIter iter;
  gpointer row;

  g_clear_pointer (&self->units, g_ptr_array_unref);
  self->units = xb_store_list_units (store, &error);
  if (self->units == NULL)
    xb_admin_section_toast (XB_ADMIN_SECTION (self), error->message);
  form_fill_units (&self->create, self, chosen);
  /* Unit names in the subtitles may have changed. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    person_show (row_person (row), row_person (row)->user);
}

static gint64
signed_in_id (XbAdminPeople *self, XbStore *store)
{
  XbSyncClient *client = xb_admin_section_get_client (XB_ADMIN_SECTION (self));
  const XbUser *user = client != NULL ? xb_sync_client_get_user (client) : NULL;
  g_autoptr(XbUser) stored = NULL;

  if (user != NULL)
    return user->id;
  stored = xb_store_dup_signed_in_user (store);
  return stored != NULL ? stored->id : 0;
}

static void
xb_admin_people_reload (XbAdminSection *section)
{
  XbAdminPeople *self = XB_ADMIN_PEOPLE (section);
  XbStore *store = xb_admin_section_get_store (section);

  if (store == NULL || self->rows == NULL)
    return;
  self->me = signed_in_id (self, store);
  load_units (self, store);
  /* The store's accounts at once; the server's (the truth) when it answers. */
  if (xb_admin_section_get_client (section) == NULL || g_hash_table_size (self->rows) == 0)
    show_store_users (self, store);
  if (xb_admin_section_get_client (section) != NULL)
    xb_admin_section_request (section, "GET", "/api/v1/admin/users", NULL, offline_text (), on_users, NULL);
  gtk_list_box_invalidate_sort (GTK_LIST_BOX (self->list));
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
}

/* ---- the new account ---------------------------------------------------------------- */

static void
on_created (XbAdminSection *section, JsonObject *answer, gpointer user_data)
{
  XbAdminPeople *self = XB_ADMIN_PEOPLE (section);
  Form *f = &self->create;
  g_autoptr(XbUser) user = NULL;
  g_autofree char *text = NULL;

  if (answer == NULL || (user = answer_user (self, answer)) == NULL)
    return;
  show_user (self, user);
  update_summary (self);
  /* The unit stays chosen: accounts are often made unit by unit. */
  gtk_editable_set_text (GTK_EDITABLE (f->username), "");
  gtk_editable_set_text (GTK_EDITABLE (f->name), "");
  form_set_roles (f, 0);
  form_clear_passwords (f);
  unmark (f->username);
  unmark (f->name);
  text = g_strdup_printf (_("Account “%s” created: %s can sign in now."), user->username, user_name (user));
  xb_admin_section_toast (section, text);
  changed_on_server (self);
}

static void
on_create_clicked (XbAdminPeople *self)
{
  Form *f = &self->create;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(XbUser) user = NULL;
  g_autoptr(JsonNode) body = NULL;

  form_check_details (f, self, problems);
  form_check_passwords (f, problems);
  form_say (f, problems->str);
  if (problems->len > 0)
    return;
  user = xb_user_new ();
  user->username = g_strdup (gtk_editable_get_text (GTK_EDITABLE (f->username)));
  user->display_name = form_text (f->name);
  user->unit_id = form_unit_id (f);
  user->roles = form_roles (f);
  body = user_body (user, gtk_editable_get_text (GTK_EDITABLE (f->password)));
  xb_admin_section_request (XB_ADMIN_SECTION (self), "POST", "/api/v1/admin/users", body, offline_text (),
                            on_created, NULL);
}

static GtkWidget *
build_new_account (XbAdminPeople *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *create = button (_("C_reate Account"), "people-create", "suggested-action");
  Form *f = &self->create;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("New Account"));
  self->new_row = adw_expander_row_new ();
  gtk_widget_set_name (self->new_row, "people-new");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->new_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_row), _("Add a Person"));
  set_accessible_label (self->new_row, _("Add a Person"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->new_row),
                                 _("An account for an officer, a unit leader or a member of the office"));
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (self->new_row), gtk_image_new_from_icon_name ("list-add-symbolic"));
  form_add_details (f, self->new_row, "people-new", TRUE);
  form_add_passwords (f, self->new_row, "people-new", _("Password"), _("Password again"));
  g_signal_connect_swapped (create, "clicked", G_CALLBACK (on_create_clicked), self);
  g_signal_connect_swapped (f->confirm, "entry-activated", G_CALLBACK (on_create_clicked), self);
  form_add_button (f, self->new_row, "people-new", create, _("Create Account"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->new_row);
  return group;
}

static GtkWidget *
build_people (XbAdminPeople *self)
{
  self->people_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->people_group), _("People"));
  self->search = gtk_search_entry_new ();
  gtk_widget_set_name (self->search, "people-search");
  gtk_widget_set_valign (self->search, GTK_ALIGN_CENTER);
  g_object_set (self->search, "placeholder-text", _("Find a person"), NULL);
  set_accessible_label (self->search, _("Find a person by name, username, unit or role"));
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (on_search_changed), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->people_group), self->search);

  self->list = gtk_list_box_new ();
  gtk_widget_set_name (self->list, "people-list");
  set_accessible_label (self->list, _("People"));
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_list_box_set_sort_func (GTK_LIST_BOX (self->list), compare_rows, NULL, NULL);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), filter_row, self, NULL);
  self->placeholder = gtk_label_new (NULL);
  gtk_widget_set_name (self->placeholder, "people-empty");
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->placeholder), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_set_margin_top (self->placeholder, 18);
  gtk_widget_set_margin_bottom (self->placeholder, 18);
  gtk_widget_set_margin_start (self->placeholder, 12);
  gtk_widget_set_margin_end (self->placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list), self->placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->people_group), self->list);
  return self->people_group;
}

/* ---- the object --------------------------------------------------------------------- */

static void
xb_admin_people_dispose (GObject *object)
{
  XbAdminPeople *self = XB_ADMIN_PEOPLE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  form_clear (&self->create);
  G_OBJECT_CLASS (xb_admin_people_parent_class)->dispose (object);
}

static void
xb_admin_people_class_init (XbAdminPeopleClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xb_admin_people_dispose;
  XB_ADMIN_SECTION_CLASS (klass)->reload = xb_admin_people_reload;
}

static void
xb_admin_people_init (XbAdminPeople *self)
{
  AdwPreferencesPage *page = xb_admin_section_get_page (XB_ADMIN_SECTION (self));

  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (build_new_account (self)));
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (build_people (self)));
  update_summary (self);
}

GtkWidget *
xb_admin_people_new (void)
{
  return g_object_new (XB_TYPE_ADMIN_PEOPLE, NULL);
}
