#!/usr/bin/python3
# Accessibility audit: signs in as each given account and lists every control a user acts on that has no real accessible name.
# Run through tests/a11y/run.sh: run.sh tests/a11y/audit.py [USERNAME...] (default: chief admin).
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from xb_a11y import (ACTIONABLE, App, Failure, URL, find, is_type_name,  # noqa: E402
                     press, set_text)

# GTK 4.8 exposes every page of a GtkStack at once, so one walk of the
# window covers every sidebar page; these names mark where a node lives.
PAGES = ['Items', 'Inbox', 'Sign-off', 'Publications', 'Dashboard', 'Bulletins',
         'Assessment', 'Administration']


def sign_in(username):
    app = App('audit-' + username)
    set_text(find(app.root, 'text', 'Server Address'), URL)
    set_text(find(app.root, 'text', 'Username'), username)
    set_text(find(app.root, 'text', 'Password'), 'xinbao')
    press(find(app.root, 'push button', 'Sign In'))
    find(app.root, 'list', 'Pages', timeout=60)
    return app


def audit(root):
    """(page, role, name, context) of each unnamed actionable node."""
    found = []
    stack = [(root, 'window', '')]
    while stack:
        node, page, context = stack.pop()
        try:
            role = node.getRoleName()
            name = node.name or ''
            n = node.childCount
        except Exception:
            continue
        if role == 'panel' and name in PAGES:
            page = name
        if name and not is_type_name(name):
            context = name
        if role in ACTIONABLE and (not name.strip() or is_type_name(name)):
            found.append((page, role, name, context))
        # One row of a long list stands for all of them.
        limit = 3 if role in ('list', 'tree table', 'table') else n
        for i in reversed(range(min(n, limit) if role == 'list' and n > 50 else n)):
            try:
                stack.append((node.getChildAtIndex(i), page, context))
            except Exception:
                pass
    return found


def main():
    users = sys.argv[1:] or ['chief', 'admin']
    total = 0
    for username in users:
        app = sign_in(username)
        try:
            found = audit(app.root)
        finally:
            app.close()
        counts = collections.Counter(found)
        print(f'## {username}: {len(found)} unnamed actionable nodes')
        for (page, role, name, context), count in sorted(counts.items()):
            print(f'{page:15} [{role}] {name!r:22} near {context[:50]!r}' + (f' ×{count}' if count > 1 else ''))
        total += len(found)
    print(f'# {total} in all')


if __name__ == '__main__':
    try:
        main()
    except Failure as e:
        print('FAIL:', e)
        sys.exit(1)
