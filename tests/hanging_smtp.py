"""An SMTP server that accepts connections and then says nothing, for the tests that show a mail
worker is not held by one (EMAIL_TIMEOUT, the tasks' time limits)."""

from __future__ import annotations

import socket
import threading


class HangingSMTPServer:
    """Holds each connection `hold_seconds` without a word, then drops it (so that a client with
    no timeout of its own fails a test instead of hanging it)."""

    def __init__(self, hold_seconds: float = 15.0) -> None:
        self.hold_seconds = hold_seconds
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen()
        self.port = self._socket.getsockname()[1]
        self.accepted = 0
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _address = self._socket.accept()
            except OSError:  # closed
                return
            self.accepted += 1
            self._held.append(connection)  # never greets, never answers
            timer = threading.Timer(self.hold_seconds, connection.close)
            timer.daemon = True
            timer.start()

    def close(self) -> None:
        self._socket.close()
        for connection in self._held:
            connection.close()
