# AT-SPI helpers shared by the accessibility test and audit: start the app, find nodes by role and name.
import json
import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import pyatspi

APP = os.environ.get('XINBAO_APP', '')
URL = os.environ.get('XINBAO_URL', '')
WORK = os.environ.get('XB_A11Y_WORK') or tempfile.mkdtemp()
SCHEMAS = os.environ.get('GSETTINGS_SCHEMA_DIR', '')

# Roles a keyboard or screen reader user acts on; each needs a real name.
ACTIONABLE = {'push button', 'toggle button', 'combo box', 'text', 'entry',
              'password text', 'check box', 'radio button', 'menu item',
              'check menu item', 'list item', 'spin button', 'switch',
              'toggle', 'link', 'slider', 'page tab'}


class Failure(Exception):
    pass


def clean_name(name):
    """The name a screen reader speaks.  GTK 4.8 joins a mnemonic
    button's own label ("_Send") and its child label ("Send"); both
    spell the same words."""
    name = (name or '').strip()
    parts = name.split(' ')
    half = len(parts) // 2
    if len(parts) % 2 == 0 and half > 0:
        first = ' '.join(parts[:half]).replace('_', '')
        if first == ' '.join(parts[half:]):
            return first
    return name


def is_type_name(name):
    """GTK 4.8 answers the widget's type name when nothing names it."""
    if ' ' in name:
        return False
    for prefix in ('Gtk', 'Adw', 'Xb'):
        if name.startswith(prefix) and name[len(prefix):len(prefix) + 1].isupper():
            return True
    return False


# Subtrees a search does not enter unless it starts inside them: list rows
# (thousands of cells in a long list) and scroll bars.
PRUNED = {'table row', 'scroll bar'}


# The window's pages, as the panels of its page stack are named.  GTK 4.8
# exposes every page at once, shown or not, and tells no page's children
# apart by state: a search outside the pages skips them (pages=False).
PAGES = {'Items', 'Inbox', 'Sign-off', 'Publications', 'Dashboard', 'Bulletins',
         'Assessment', 'Administration'}


def walk(acc, depth=None, prune=PRUNED, pages=True):
    """ACC and the nodes under it, depth first; DEPTH levels down at most
    (every AT-SPI call is a round trip to the app: a small walk is fast)."""
    stack = [(acc, 0)]
    while stack:
        node, level = stack.pop()
        if node is None:
            continue
        yield node
        if depth is not None and level >= depth:
            continue
        try:
            role = node.getRoleName()
            if node is not acc and role in prune:
                continue
            if not pages and node is not acc and role == 'panel' and node.name in PAGES:
                continue
            n = node.childCount
        except Exception:
            continue
        for i in reversed(range(n)):
            try:
                stack.append((node.getChildAtIndex(i), level + 1))
            except Exception:
                pass


def find_all(root, role, name=None, contains=None, depth=None, prune=PRUNED, pages=True):
    found = []
    for node in walk(root, depth, prune, pages):
        try:
            if node.getRoleName() != role:
                continue
            got = clean_name(node.name)
        except Exception:
            continue
        if name is not None and got != name:
            continue
        if contains is not None and contains not in got:
            continue
        found.append(node)
    return found


def wait_for(what, predicate, timeout=30.0, interval=0.2):
    end = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            raise Failure('timed out waiting for ' + what)
        time.sleep(interval)


def find(root, role, name=None, contains=None, timeout=30.0, index=0, depth=None, prune=PRUNED,
         pages=True):
    """The node with this role and (cleaned) accessible name, waiting for it."""
    label = f'[{role}] {name or contains!r}'

    def look():
        nodes = find_all(root, role, name, contains, depth, prune, pages)
        return nodes[index] if len(nodes) > index else None
    return wait_for(label, look, timeout)


def has_size(node):
    """Whether NODE is laid out on screen (True when it cannot tell)."""
    try:
        extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except NotImplementedError:
        return True
    return extents.width > 0 and extents.height > 0


def press(node):
    # GTK ignores the activation of a button not drawn yet (a page or a
    # detail just switched to): wait until it has a size.
    wait_for(f'[{node.getRoleName()}] {node.name!r} on screen', lambda: has_size(node), 10)
    action = node.queryAction()
    if action.nActions == 0:
        raise Failure(f'[{node.getRoleName()}] {node.name!r} has no action')
    for i in range(action.nActions):
        if action.getName(i) in ('click', 'press', 'activate'):
            action.doAction(i)
            return
    action.doAction(0)


def set_text(node, text):
    editable = node.queryEditableText()
    if not editable.setTextContents(text):
        raise Failure(f'could not set the text of {node.name!r}')


def get_text(node):
    """The text of a text node."""
    t = node.queryText()
    return t.getText(0, t.characterCount)


class App:
    """The real xinbao binary with its own data directory."""

    def __init__(self, tag, args=(), keep_settings=False, last_page=None):
        self.data = os.path.join(WORK, 'data-' + tag)
        env = dict(os.environ)
        env.update(XDG_DATA_HOME=self.data, XDG_CONFIG_HOME=self.data + '-config',
                   XDG_STATE_HOME=self.data + '-state', XDG_CACHE_HOME=self.data + '-cache',
                   GSETTINGS_BACKEND='memory', LANGUAGE='C', LANG='C.UTF-8', LC_ALL='C.UTF-8')
        if keep_settings:
            # Settings on disk: a second start resumes the session and opens
            # on LAST_PAGE, the page the window last showed.
            env['GSETTINGS_BACKEND'] = 'keyfile'
            keyfile = os.path.join(self.data + '-config', 'glib-2.0', 'settings', 'keyfile')
            if last_page and os.path.exists(keyfile):
                with open(keyfile) as f:
                    text = re.sub(r"(?m)^last-page=.*$", '', f.read())
                with open(keyfile, 'w') as f:
                    f.write(text.replace('[cn/gov/Xinbao]\n',
                                         f"[cn/gov/Xinbao]\nlast-page='{last_page}'\n"))
        env.pop('GTK_A11Y', None)
        env.pop('G_DEBUG', None)
        if SCHEMAS:
            env['GSETTINGS_SCHEMA_DIR'] = SCHEMAS
        self.log = open(os.path.join(WORK, f'app-{tag}.log'), 'w')
        self.proc = subprocess.Popen([APP, *args], env=env, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        self.root = wait_for('the app on the accessibility bus', self._find, 30)

    def _find(self):
        desk = pyatspi.Registry.getDesktop(0)
        for i in range(desk.childCount):
            acc = desk.getChildAtIndex(i)
            try:
                if acc is not None and acc.get_process_id() == self.proc.pid:
                    return acc
            except Exception:
                pass
        if self.proc.poll() is not None:
            raise Failure(f'the app exited with {self.proc.returncode}')
        return None

    def close(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


class Api:
    """The server's HTTP API, to check what the app did."""

    def __init__(self, username, password='xinbao'):
        answer = self.call('POST', '/api/v1/session',
                           {'username': username, 'password': password}, token=None)
        self.token = answer['token']
        self.user = answer['user']

    def call(self, method, path, body=None, token=''):
        if token == '':
            token = self.token
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(URL + path, data=data, method=method)
        req.add_header('Content-Type', 'application/json')
        if token:
            req.add_header('Authorization', 'Bearer ' + token)
        try:
            with urllib.request.urlopen(req, timeout=20) as resp:
                text = resp.read()
        except urllib.error.HTTPError as e:
            raise Failure(f'{method} {path}: {e.code} {e.read().decode(errors="replace")}')
        return json.loads(text) if text else None

    def item(self, uuid):
        return self.call('GET', f'/api/v1/items/{uuid}')['item']

    def first_publication(self):
        page = self.call('GET', '/api/v1/changes?since=0&limit=1000')
        while True:
            for change in page['changes']:
                if change['kind'] == 'publication':
                    return change['data']['id']
            if not page['more']:
                raise Failure('no publication in the feed')
            page = self.call('GET', f'/api/v1/changes?since={page["next"]}&limit=1000')

    def publication_named(self, name):
        """The id of the publication called NAME."""
        since = 0
        while True:
            page = self.call('GET', f'/api/v1/changes?since={since}&limit=1000')
            for change in page['changes']:
                if change['kind'] == 'publication' and change['data'].get('name') == name:
                    return change['data']['id']
            since = page['next']
            if not page['more']:
                raise Failure(f'no publication named {name!r}')

    def find_item(self, title):
        since = 0
        found = None
        while True:
            page = self.call('GET', f'/api/v1/changes?since={since}&limit=1000')
            for change in page['changes']:
                if change['kind'] == 'item' and change['data'].get('title') == title:
                    found = change['data']
            since = page['next']
            if not page['more']:
                return found


def dump(root, out, depth=0):
    """The tree as text, for failure reports."""
    try:
        out.write('  ' * depth + f'[{root.getRoleName()}] {root.name!r}\n')
        for i in range(root.childCount):
            dump(root.getChildAtIndex(i), out, depth + 1)
    except Exception:
        pass
