#!/usr/bin/env python3
"""Editors find the workload schema without configuration: `pipeadvise init` (every template)
writes a yaml-language-server modeline that resolves in a fresh folder outside this tree, and
yaml-language-server (the server behind VS Code's, Neovim's and Helix's YAML support), driven
here over LSP on stdio, validates the file, flags a misspelt key, completes enum values, and
shows each key's markdownDescription (unit, default, range, example) on hover and in completion.

The server comes from npm (test tooling only), installed into TOOLS_DIR on first use.

usage: lsp_schema_test.py PATH/TO/pipeadvise TOOLS_DIR
"""

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

EXE = os.path.abspath(sys.argv[1])
TOOLS = os.path.abspath(sys.argv[2])
SERVER_VERSION = "1.25.0"
failures = []
passed = 0


def install_server():
    server = os.path.join(TOOLS, "node_modules", "yaml-language-server", "bin", "yaml-language-server")
    if not os.path.exists(server):
        os.makedirs(TOOLS, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", TOOLS, "--no-audit", "--no-fund", "--silent",
                        f"yaml-language-server@{SERVER_VERSION}"], check=True, timeout=600)
    return server


class Server:
    """A minimal LSP client: Content-Length framing, requests with ids, notifications queued."""

    def __init__(self, command, root):
        self.p = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, cwd=root)
        self.next_id = 1
        self.responses = {}
        self.notifications = queue.Queue()
        self.lock = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.p.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                k, v = line.split(":", 1)
                headers[k.lower()] = v.strip()
            body = json.loads(out.read(int(headers["content-length"])))
            if "id" in body and "method" in body:  # a request from the server
                self._answer(body)
            elif "id" in body:
                with self.lock:
                    self.responses[body["id"]] = body
                    self.lock.notify_all()
            else:
                self.notifications.put(body)

    def _answer(self, request):
        result = None
        if request["method"] == "workspace/configuration":
            result = [SETTINGS.get(item.get("section", ""), None) for item in request["params"]["items"]]
        self._send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    def _send(self, message):
        data = json.dumps(message).encode("utf-8")
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.p.stdin.flush()

    def request(self, method, params, timeout=60):
        rid = self.next_id
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.time() + timeout
        with self.lock:
            while rid not in self.responses:
                left = deadline - time.time()
                assert left > 0, f"no answer to {method} in {timeout} s"
                self.lock.wait(left)
            return self.responses.pop(rid)

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri, version, timeout=60):
        deadline = time.time() + timeout
        while True:
            left = deadline - time.time()
            assert left > 0, f"no diagnostics for {uri} version {version} in {timeout} s"
            try:
                n = self.notifications.get(timeout=left)
            except queue.Empty:
                continue
            if n.get("method") == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri:
                if n["params"].get("version", version) == version:
                    return n["params"]["diagnostics"]

    def close(self):
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.p.wait(timeout=10)
        except Exception:
            self.p.kill()


SETTINGS = {
    "yaml": {"validate": True, "completion": True, "hover": True, "format": {"enable": False},
             # Only the modeline: no catalogue download, no association by file name.
             "schemaStore": {"enable": False}, "schemas": {}},
    "": None,
}


def test(fn):
    global passed
    try:
        fn()
        passed += 1
        print(f"ok   {fn.__name__}")
    except AssertionError as e:
        failures.append(fn.__name__)
        print(f"FAIL {fn.__name__}: {e}")
    return fn


def templates():
    out = subprocess.run([EXE, "init", "--list"], capture_output=True, text=True, check=True).stdout
    return out.split()


def main():
    server_script = install_server()
    work = tempfile.mkdtemp(prefix="pipeadvise-lsp-")
    server = Server(["node", server_script, "--stdio"], work)
    try:
        server.request("initialize", {
            "processId": os.getpid(), "rootUri": "file://" + work,
            "capabilities": {"workspace": {"configuration": True},
                             "textDocument": {"completion": {"completionItem": {"snippetSupport": False,
                                                                                 "documentationFormat": ["markdown"]}},
                                              "publishDiagnostics": {"versionSupport": True}}}})
        server.notify("initialized", {})
        server.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})
        run_tests(server, work)
    finally:
        server.close()
        shutil.rmtree(work, ignore_errors=True)


def open_doc(server, path, text):
    uri = "file://" + path
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                            "text": text}})
    return uri


def run_tests(server, work):
    names = templates()

    @test
    def every_template_validates_in_a_fresh_folder():
        assert "starter" in names and len(names) > 1, names
        for name in names:
            folder = os.path.join(work, name)
            os.makedirs(folder)
            path = os.path.join(folder, "proposal.pipeadvise.yaml")
            subprocess.run([EXE, "init", "--template", name, "-o", path], check=True, capture_output=True)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            first = text.splitlines()[0]
            assert first.startswith("# yaml-language-server: $schema="), (name, first)
            uri = open_doc(server, path, text)
            diags = server.diagnostics(uri, 1)
            assert diags == [], (name, diags)

    @test
    def a_misspelt_key_is_flagged():
        path = os.path.join(work, "starter", "proposal.pipeadvise.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        assert "\nlatency:\n" in text
        bad = text.replace("\nlatency:\n", "\nlatncy:\n", 1)
        path2 = os.path.join(work, "starter", "typo.pipeadvise.yaml")
        uri = open_doc(server, path2, bad)
        diags = server.diagnostics(uri, 1)
        messages = [d["message"] for d in diags]
        line = bad.splitlines().index("latncy:")
        assert any(d["range"]["start"]["line"] == line and "latncy" in d["message"] for d in diags), messages
        # The schema was loaded: no "Unable to load schema" among the messages.
        assert not any("Unable to load schema" in m for m in messages), messages

    @test
    def completion_offers_the_enum_values():
        path = os.path.join(work, "complete.pipeadvise.yaml")
        subprocess.run([EXE, "init", "--template", "starter", "-o", path], check=True, capture_output=True)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        assert "\nproposal:" not in text
        text = text.rstrip("\n") + "\nproposal:\n  architecture: "
        lines = text.split("\n")
        index = len(lines) - 1
        uri = open_doc(server, path, text)
        server.diagnostics(uri, 1)
        result = server.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": {"line": index, "character": len(lines[index])}})["result"]
        items = result["items"] if isinstance(result, dict) else result
        labels = {i["label"] for i in items}
        for value in ("batch", "micro_batch", "full_streaming"):
            assert value in labels, (value, sorted(labels))

    @test
    def hover_shows_the_description():
        path = os.path.join(work, "starter", "proposal.pipeadvise.yaml")
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        index = lines.index("latency:")
        uri = "file://" + path
        result = server.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                        "position": {"line": index, "character": 2}})["result"]
        assert result and result["contents"], result

    def hover_text(path, key):
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        index = next(i for i, line in enumerate(lines) if line.lstrip().startswith(key + ":"))
        column = lines[index].index(key) + 1
        result = server.request("textDocument/hover", {"textDocument": {"uri": "file://" + path},
                                                        "position": {"line": index, "character": column}})["result"]
        assert result and result["contents"], (key, result)
        contents = result["contents"]
        # MarkupContent, or the older MarkedString forms.
        if isinstance(contents, dict):
            return contents.get("kind"), contents["value"]
        if isinstance(contents, list):
            return "plaintext", "\n".join(c if isinstance(c, str) else c["value"] for c in contents)
        return "plaintext", contents

    @test
    def hover_shows_the_markdown_description_with_unit_range_and_example():
        path = os.path.join(work, "starter", "proposal.pipeadvise.yaml")
        kind, text = hover_text(path, "horizon")
        assert kind == "markdown", (kind, text)
        # markdownDescription, not the plain description: its list of facts from the key table.
        for part in ("Simulated time per replication", "- Unit: seconds", "- Default: `7d`",
                     "- Accepted: at least 1s, at most 10y", "- Example: `7d`"):
            assert part in text, (part, text)
        kind, text = hover_text(path, "sla")
        for part in ("- Accepted: at least 1ms, at most 10y", "- Example: `30s`"):
            assert part in text, (part, text)

    @test
    def completion_documents_keys_with_their_markdown_description():
        path = os.path.join(work, "complete-key.pipeadvise.yaml")
        subprocess.run([EXE, "init", "--template", "starter", "-o", path], check=True, capture_output=True)
        with open(path, encoding="utf-8") as f:
            modeline = f.read().splitlines()[0]
        # The modeline and an empty `simulation:` (the server offers only keys not yet stated),
        # completed on the indented line under it.
        at = 2
        text = "\n".join([modeline, "simulation:", "  "]) + "\n"
        uri = open_doc(server, path, text)
        server.diagnostics(uri, 1)
        result = server.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": {"line": at, "character": 2}})["result"]
        items = result["items"] if isinstance(result, dict) else result
        by_label = {i["label"]: i for i in items}
        for key in ("horizon", "replications", "seed", "failures"):
            assert key in by_label, (key, sorted(by_label))
        item = by_label["replications"]
        if "documentation" not in item:  # documentation may come on resolve
            item = server.request("completionItem/resolve", item)["result"]
        doc = item.get("documentation")
        value = doc.get("value") if isinstance(doc, dict) else doc
        assert value and "Independent replications." in value and "- Example: `10`" in value, item


if __name__ == "__main__":
    main()
    print(f"{passed} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)
