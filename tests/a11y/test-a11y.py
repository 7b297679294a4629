#!/usr/bin/python3
# End-to-end accessibility test: a screen reader user's path through the real app, every control found by role and name.
# An officer writes and sends an item, the unit leader approves it, an editor claims it in the Inbox and proposes it
# through the dialog, the section chief signs the item in the Sign-off queue and opens the dashboard's charts; the
# server's API only checks what the app did.
import os
import sys
import time


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xb_a11y import (App, Api, Failure, PRUNED, URL, WORK, clean_name, dump, find,  # noqa: E402
                     find_all, get_text, press, set_text, wait_for, walk)

TITLE = 'A11y check: river clean-up finished ahead of plan %d' % os.getpid()
BODY = ('The district finished dredging the river two weeks early. '
        'Water quality at the three checkpoints reached class III.')


def step(text):
    print(f'# {time.monotonic() - START:6.1f}s {text}', flush=True)


def outside_pages(root, role, name, timeout=30):
    """A control of the window itself (sign-in form, header bar, sidebar),
    found without walking the pages."""
    return find(root, role, name, timeout=timeout, pages=False)


def sign_in(username):
    """A fresh app on its sign-in page, filled in and sent by name; back
    once the first sync is done."""
    app = App(username)
    root = app.root
    set_text(outside_pages(root, 'text', 'Server Address'), URL)
    set_text(outside_pages(root, 'text', 'Username'), username)
    set_text(outside_pages(root, 'text', 'Password'), 'xinbao')
    press(outside_pages(root, 'push button', 'Sign In'))
    # Signed in: the sidebar lists the pages; the sync status says when the first pull is done.
    outside_pages(root, 'list', 'Pages', timeout=90)
    outside_pages(root, 'push button', 'Up to date', timeout=120)
    return app


def page(root, title):
    """The panel of the window's page TITLE (a shallow walk: the page stack
    sits a few levels under the window)."""
    return find(root, 'panel', title, depth=10, pages=False)


def open_page(root, title):
    """Shows page TITLE by selecting its row in the sidebar, as a screen
    reader's selection does."""
    pages = outside_pages(root, 'list', 'Pages')
    rows = [clean_name(pages.getChildAtIndex(i).name) for i in range(pages.childCount)]
    if title not in rows:
        raise Failure(f'no sidebar row named {title!r} in {rows}')
    panel = page(root, title)
    # Only the pages this user has a use for have rows: the row's place
    # among AT-SPI's children is the one a selection takes.
    if not pages.querySelection().selectChild(rows.index(title)):
        raise Failure(f'could not select the sidebar row {title!r}')
    # The page on show names the content's header bar (its AdwWindowTitle).
    wait_for(f'the page {title!r} on show',
             lambda: any(find_all(header, 'label', title)
                         for header in find_all(root, 'filler', 'AdwWindowTitle', depth=12, pages=False)), 30)
    return panel


def row_names(rows):
    """The names of the list items of ROWS, or None while the list is being
    rebuilt (a child gone between two calls)."""
    names = []
    try:
        for i in range(rows.childCount):
            row = rows.getChildAtIndex(i)
            if row is None:
                return None
            names.append(clean_name(row.name) if row.getRoleName() == 'list item' else None)
    except Exception:
        return None
    return names


def open_row(panel, rows, title, timeout=60):
    """Selects the list item named TITLE in ROWS (waiting for it to come)
    and waits for the item detail beside the list in PANEL to show it; the
    list may be rebuilt between finding the row and selecting it: then
    again.  Returns the row."""
    def index():
        names = row_names(rows)
        return names.index(title) + 1 if names and title in names else None

    def shown():
        # The detail's title label, not the row's: lists are not entered.
        return find_all(panel, 'label', title, prune=PRUNED | {'list'})
    for _ in range(3):
        i = wait_for(f'the row {title!r} in the list {rows.name!r}', index, timeout) - 1
        if not rows.querySelection().selectChild(i):
            raise Failure(f'could not select the row {title!r}')
        try:
            wait_for(f'the item {title!r} beside the list', shown, 15)
        except Failure:
            continue
        return rows.getChildAtIndex(index() - 1)
    raise Failure(f'selecting the row {title!r} did not show its item')


def row_gone(rows, title):
    names = row_names(rows)
    return names is not None and title not in names


def write_and_send(app):
    root = app.root
    press(outside_pages(root, 'push button', 'New Item'))
    items = page(root, 'Items')
    title = find(items, 'text', 'Title')
    set_text(title, TITLE)
    set_text(find(items, 'text', 'Text'), BODY)
    wait_for('the title in its field', lambda: get_text(title) == TITLE, 5)
    press(find(items, 'push button', 'Send'))
    return items


def state_is(api, uuid, state):
    item = api.item(uuid)
    return item if item['state'] == state else None


def row_of(root, title):
    """The index of the item list's row whose first cell reads TITLE."""
    rows = find(root, 'list', 'GtkColumnListView')
    for i in range(rows.childCount):
        row = rows.getChildAtIndex(i)
        if row is not None and find_all(row, 'label', title):
            return rows, i
    return None


def search(root, title):
    """Narrow the item list down to TITLE with the search bar."""
    press(outside_pages(root, 'push button', 'Search Items'))
    set_text(outside_pages(root, 'entry', 'Search Items'), title)


def select_item(root, title):
    search(root, title)
    items = page(root, 'Items')
    rows, i = wait_for('the item in the list', lambda: row_of(items, title), 60)
    if not rows.querySelection().selectChild(i):
        raise Failure('could not select the item row')
    return items


def officer_writes_and_sends():
    step('officer signs in through the sign-in page')
    api = Api('officer')
    app = sign_in('officer')
    try:
        step('officer writes and sends an item')
        items = write_and_send(app)
        # The editor says so, and the list shows the item in unit review.
        find(items, 'label', 'Sent', timeout=30)
        item = wait_for('the item on the server, sent for unit review',
                        lambda: (lambda i: i if i and i['state'] == 'unit_review' else None)(
                            api.find_item(TITLE)), 60)
        rows, i = wait_for('the sent item in the list', lambda: row_of(items, TITLE), 30)
        wait_for('the state "Unit review" in its row',
                 lambda: find_all(rows.getChildAtIndex(i), 'label', 'Unit review'), 30)
    except Failure:
        save_tree(app, 'officer')
        raise
    finally:
        app.close()
    assert item['body'] == BODY, item['body']
    assert item['unit_id'] == api.user['unit_id'], item
    assert item['author_id'] == api.user['id'], item
    return item['uuid']


def leader_approves(uuid):
    step('leader signs in and approves the item')
    api = Api('leader')
    app = sign_in('leader')
    try:
        items = select_item(app.root, TITLE)
        press(find(items, 'push button', 'Approve'))
        wait_for('the item submitted to the office', lambda: state_is(api, uuid, 'submitted'), 60)
    except Failure:
        save_tree(app, 'leader')
        raise
    finally:
        app.close()


def dialog_of(app, name):
    """The app's top-level window other than the main one whose subtree
    holds [push button] NAME (an AdwMessageDialog)."""
    def look():
        root = app.root
        for i in range(root.childCount):
            window = root.getChildAtIndex(i)
            if window is not None and clean_name(window.name) != 'Xinbao' \
                    and find_all(window, 'push button', name):
                return window
        return None
    return wait_for(f'a dialog with the button {name!r}', look, 30)


def chosen(combo):
    """The text a combo box (GtkDropDown) shows: its labels but the empty placeholder's."""
    labels = [clean_name(n.name) for n in find_all(combo, 'label')]
    labels = [text for text in labels if text and text != '(None)']
    if not labels:
        raise Failure(f'the combo box {combo.name!r} shows nothing')
    return labels[0]


def editor_claims_and_proposes(uuid):
    step('editor signs in, finds the item in the Inbox and claims it')
    api = Api('editor')
    app = sign_in('editor')
    try:
        inbox = open_page(app.root, 'Inbox')
        row = open_row(inbox, find(inbox, 'list', 'Inbox'), TITLE)
        assert 'Not claimed' in row.description, row.description
        press(find(inbox, 'push button', 'Claim'))
        wait_for('the item claimed on the server', lambda: state_is(api, uuid, 'editing'), 60)
        step('editor proposes it for a publication through the dialog')
        press(find(inbox, 'push button', 'Propose…', timeout=30))
        dialog = dialog_of(app, 'Propose')
        publication = chosen(find(dialog, 'combo box', 'Publication'))
        find(dialog, 'combo box', 'Importance')
        find(dialog, 'label', contains='Sign-off: ')
        press(find(dialog, 'push button', 'Propose'))
        item = wait_for('the item in sign-off on the server', lambda: state_is(api, uuid, 'signoff'), 60)
        assert item['publication_id'] == api.publication_named(publication), (item, publication)
    except Failure:
        save_tree(app, 'editor')
        raise
    finally:
        app.close()


def dashboard_controls(dashboard):
    """The dashboard's images, buttons and combo boxes by role, once its
    trend chart is drawn."""
    found = {'image': [], 'push button': [], 'combo box': []}
    for node in walk(dashboard, prune=PRUNED | {'tree table'}):
        try:
            role = node.getRoleName()
        except Exception:
            return None
        if role in found:
            found[role].append(node)
    if not any('Monthly trend' in clean_name(node.name) for node in found['image']):
        return None
    return found


def chief_signs_and_opens_dashboard(uuid):
    step('chief signs in, finds the item in the Sign-off queue and signs it')
    api = Api('chief')
    app = sign_in('chief')
    try:
        queue = open_page(app.root, 'Sign-off')
        rows = find(queue, 'list', 'Sign-off Queue')
        open_row(queue, rows, TITLE)
        press(find(queue, 'push button', 'Sign'))
        wait_for('the item adopted on the server', lambda: state_is(api, uuid, 'adopted'), 60)
        wait_for('the signed item out of the queue', lambda: row_gone(rows, TITLE), 30)
        step('chief opens the dashboard from the sidebar and finds its charts')
        dashboard = open_page(app.root, 'Dashboard')
        # One walk a poll, the table of figures left out: every call waits
        # for the page, busy drawing its charts.
        controls = wait_for('the trend chart on the dashboard', lambda: dashboard_controls(dashboard), 90, 1)
        names = [clean_name(node.name) for node in controls['image']]
        trend = next(node for node in controls['image'] if 'Monthly trend' in clean_name(node.name))
        assert trend.description, 'the trend chart has no description'
        assert any('Adoption rate' in name for name in names), names
        assert 'Export Chart…' in [clean_name(node.name) for node in controls['push button']]
        assert 'Period' in [clean_name(node.name) for node in controls['combo box']]
    except Failure:
        save_tree(app, 'chief')
        raise
    finally:
        app.close()


def save_tree(app, tag):
    with open(os.path.join(WORK, f'tree-{tag}.txt'), 'w') as f:
        dump(app.root, f)
    print(f'# accessible tree saved in {WORK}/tree-{tag}.txt')


def main():
    uuid = officer_writes_and_sends()
    leader_approves(uuid)
    editor_claims_and_proposes(uuid)
    chief_signs_and_opens_dashboard(uuid)


START = time.monotonic()
if __name__ == '__main__':
    try:
        main()
    except Failure as e:
        print('FAIL:', e)
        sys.exit(1)
    print('# passed in %.1fs' % (time.monotonic() - START))
