/* Constructors, copies and destructors of the plain domain records. */
#include "config.h"

#include <gio/gio.h>

#include "xb-item.h"

XbEvent *
xb_event_new (void)
{
  return g_new0 (XbEvent, 1);
}

XbEvent *
xb_event_copy (const XbEvent *event)
{
  XbEvent *copy = g_memdup2 (event, sizeof *event);

  copy->id = g_strdup (event->id);
  copy->comment = g_strdup (event->comment);
  copy->title = g_strdup (event->title);
  copy->body = g_strdup (event->body);
  return copy;
}

void
xb_event_free (XbEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->id);
  g_free (event->comment);
  g_free (event->title);
  g_free (event->body);
  g_free (event);
}

XbAttachment *
xb_attachment_copy (const XbAttachment *attachment)
{
  XbAttachment *copy = g_new0 (XbAttachment, 1);

  copy->sha256 = g_strdup (attachment->sha256);
  copy->filename = g_strdup (attachment->filename);
  copy->size = attachment->size;
  return copy;
}

void
xb_attachment_free (XbAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->sha256);
  g_free (attachment->filename);
  g_free (attachment);
}

GPtrArray *
xb_attachments_copy (GPtrArray *attachments)
{
  GPtrArray *copy;

  if (attachments == NULL)
    return NULL;
  copy = g_ptr_array_new_full (attachments->len, (GDestroyNotify) xb_attachment_free);
  for (guint i = 0; i < attachments->len; i++)
    g_ptr_array_add (copy, xb_attachment_copy (attachments->pdata[i]));
  return copy;
}

XbInstruction *
xb_instruction_new (void)
{
  return g_new0 (XbInstruction, 1);
}

XbInstruction *
xb_instruction_copy (const XbInstruction *instruction)
{
  XbInstruction *copy = g_memdup2 (instruction, sizeof *instruction);

  copy->leader = g_strdup (instruction->leader);
  copy->text = g_strdup (instruction->text);
  return copy;
}

void
xb_instruction_free (XbInstruction *instruction)
{
  if (instruction == NULL)
    return;
  g_free (instruction->leader);
  g_free (instruction->text);
  g_free (instruction);
}

XbItem *
xb_item_new (void)
{
  XbItem *item = g_new0 (XbItem, 1);

  item->events = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_event_free);
  item->adoptions = g_array_new (FALSE, TRUE, sizeof (XbAdoption));
  item->instructions = g_ptr_array_new_with_free_func ((GDestroyNotify) xb_instruction_free);
  item->revision = 1;
  return item;
}

XbItem *
xb_item_copy (const XbItem *item)
{
  XbItem *copy = g_memdup2 (item, sizeof *item);

  copy->uuid = g_strdup (item->uuid);
  copy->title = g_strdup (item->title);
  copy->body = g_strdup (item->body);
  copy->category = g_strdup (item->category);
  copy->signoff_chain = g_strdup (item->signoff_chain);
  copy->merged_into = g_strdup (item->merged_into);
  copy->events = g_ptr_array_new_full (item->events->len, (GDestroyNotify) xb_event_free);
  for (guint i = 0; i < item->events->len; i++)
    g_ptr_array_add (copy->events, xb_event_copy (item->events->pdata[i]));
  copy->adoptions = g_array_copy (item->adoptions);
  copy->instructions = g_ptr_array_new_full (item->instructions->len, (GDestroyNotify) xb_instruction_free);
  for (guint i = 0; i < item->instructions->len; i++)
    g_ptr_array_add (copy->instructions, xb_instruction_copy (item->instructions->pdata[i]));
  copy->attachments = xb_attachments_copy (item->attachments);
  return copy;
}

gboolean
xb_item_has_left_unit (const XbItem *item)
{
  /* Without a submission time only an item the office wrote is past the
   * unit: a unit leader's return (unit review → returned) keeps it inside,
   * and it must never be seen and then unseen. */
  return item->submitted_at != 0
         || (item->state != XB_STATE_NEW && item->state != XB_STATE_DRAFT
             && item->state != XB_STATE_UNIT_REVIEW && item->state != XB_STATE_RETURNED);
}

void
xb_item_free (XbItem *item)
{
  if (item == NULL)
    return;
  g_free (item->uuid);
  g_free (item->title);
  g_free (item->body);
  g_free (item->category);
  g_free (item->signoff_chain);
  g_free (item->merged_into);
  g_ptr_array_unref (item->events);
  g_array_unref (item->adoptions);
  g_ptr_array_unref (item->instructions);
  g_clear_pointer (&item->attachments, g_ptr_array_unref);
  g_free (item);
}

XbEvent *
xb_item_last_event (const XbItem *item)
{
  if (item->events->len == 0)
    return NULL;
  return item->events->pdata[item->events->len - 1];
}

XbUnit *
xb_unit_new (void)
{
  XbUnit *unit = g_new0 (XbUnit, 1);

  unit->monthly_quota = -1;
  return unit;
}

XbUnit *
xb_unit_copy (const XbUnit *unit)
{
  XbUnit *copy = g_memdup2 (unit, sizeof *unit);

  copy->name = g_strdup (unit->name);
  return copy;
}

void
xb_unit_free (XbUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->name);
  g_free (unit);
}

XbUser *
xb_user_new (void)
{
  return g_new0 (XbUser, 1);
}

XbUser *
xb_user_copy (const XbUser *user)
{
  XbUser *copy = g_memdup2 (user, sizeof *user);

  copy->username = g_strdup (user->username);
  copy->display_name = g_strdup (user->display_name);
  return copy;
}

void
xb_user_free (XbUser *user)
{
  if (user == NULL)
    return;
  g_free (user->username);
  g_free (user->display_name);
  g_free (user);
}

char *
xb_uuid_new (void)
{
  return g_uuid_string_random ();
}
