/* Plain domain records: items, their events, units and users. */
#pragma once

#include <glib.h>
#include "xb-types.h"

G_BEGIN_DECLS

/* One immutable step in an item's history. */
typedef struct {
  char    *id;          /* the action UUID that caused it */
  XbAction action;
  gint64   actor_id;
  XbRole   role;        /* the role the actor acted in */
  gint64   at;          /* unix seconds, UTC */
  XbState  from;
  XbState  to;
  char    *comment;     /* may be NULL */
  char    *title;       /* the item's text after the event, for events that */
  char    *body;        /* set it (submit, edit, compose); NULL otherwise */
} XbEvent;

/* An adoption of the item: into a publication of the city, or by the
 * province or the State Council office. */
typedef struct {
  gint64  publication_id;  /* 0 for provincial and national adoptions */
  gint64  issue_id;        /* 0 when not (yet) in an issue */
  XbLevel level;
  gint64  at;
} XbAdoption;

/* A file attached to an item, content-addressed by SHA-256. */
typedef struct {
  char  *sha256;
  char  *filename;
  gint64 size;
} XbAttachment;

XbAttachment *xb_attachment_copy (const XbAttachment *attachment);
void          xb_attachment_free (XbAttachment *attachment);
/* A copy of @attachments (XbAttachment*), or NULL for NULL. */
GPtrArray    *xb_attachments_copy (GPtrArray *attachments);

/* A leader's instruction on the item and its follow-up. */
typedef struct {
  gint64     id;
  char      *leader;
  XbLevel    level;
  char      *text;
  gint64     at;
  XbFollowup followup;
} XbInstruction;

typedef struct {
  char        *uuid;
  gint64       unit_id;
  gint64       author_id;
  char        *title;
  char        *body;
  char        *category;
  XbItemType   type;
  XbAngle      angle;
  XbImportance importance;
  gboolean     urgent;
  gint64       event_at;       /* when the reported event happened; 0 if not set */
  gboolean     for_mayor;      /* especially major items the mayor signs too */
  XbState      state;
  int          revision;
  char        *signoff_chain;  /* roles snapshot taken at propose, "director,secgen"; NULL outside sign-off */
  int          signoff_step;   /* index into signoff_chain of the signer now due */
  gint64       holder_id;      /* editor who claimed it; 0 if none */
  char        *merged_into;    /* uuid of the comprehensive item; NULL if none */
  gint64       request_id;     /* commissioned request answered; 0 if none */
  gint64       publication_id; /* publication proposed for (sign-off and after); 0 if none */
  gint64       created_at;
  gint64       updated_at;
  gint64       submitted_at;   /* first time it left its unit; 0 before */
  gint64       adopted_at;     /* 0 unless adopted */
  GPtrArray   *events;         /* XbEvent*, oldest first; never NULL */
  GArray      *adoptions;      /* XbAdoption, oldest first; never NULL */
  GPtrArray   *instructions;   /* XbInstruction*, oldest first; never NULL */
  GPtrArray   *attachments;    /* XbAttachment*; NULL when not known (leave as stored) */
} XbItem;

typedef struct {
  gint64     id;
  char      *name;
  XbUnitKind kind;
  gint64     parent_id;       /* county of a direct-reporting point or enterprise; 0 if none */
  int        monthly_quota;   /* override; -1 means the kind's default */
  gboolean   retired;
} XbUnit;

/* Public fields only: a password hash never lives in this struct. */
typedef struct {
  gint64   id;
  char    *username;
  char    *display_name;
  gint64   unit_id;
  XbRoles  roles;
  gboolean disabled;
} XbUser;

XbEvent *xb_event_new   (void);
XbEvent *xb_event_copy  (const XbEvent *event);
void     xb_event_free  (XbEvent *event);

XbInstruction *xb_instruction_new  (void);
XbInstruction *xb_instruction_copy (const XbInstruction *instruction);
void           xb_instruction_free (XbInstruction *instruction);

XbItem  *xb_item_new    (void);
XbItem  *xb_item_copy   (const XbItem *item);
void     xb_item_free   (XbItem *item);
/* TRUE once @item has left its unit (sent to the office at least once, or
 * written by the office): from then on the office may see it. */
gboolean xb_item_has_left_unit (const XbItem *item);
XbEvent *xb_item_last_event (const XbItem *item);

XbUnit  *xb_unit_new    (void);
XbUnit  *xb_unit_copy   (const XbUnit *unit);
void     xb_unit_free   (XbUnit *unit);

XbUser  *xb_user_new    (void);
XbUser  *xb_user_copy   (const XbUser *user);
void     xb_user_free   (XbUser *user);

/* A fresh random UUID (version 4) as text. */
char    *xb_uuid_new    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbEvent, xb_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbItem, xb_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbInstruction, xb_instruction_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbUnit, xb_unit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbUser, xb_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XbAttachment, xb_attachment_free)

G_END_DECLS
