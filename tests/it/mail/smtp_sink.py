"""A loopback SMTP server for the mail tests: accepts every message and writes it, parsed, as one
JSON file per message into a folder. Prints "ready" once it accepts connections.

Usage: python3 smtp_sink.py PORT FOLDER
"""

import itertools
import json
import os
import sys
import threading
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


def text_of(part):
    content = part.get_content()
    return content.decode("utf-8") if isinstance(content, bytes) else content


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "message_id": str(message["Message-ID"]),
            "text": None,
            "html": None,
            "calendar": None,
            "calendar_method": None,
            "attachment": None,
        }
        for part in message.walk():
            if part.is_multipart():
                continue
            kind = part.get_content_type()
            if part.get_filename() == "invite.ics":
                record["attachment"] = text_of(part)
            elif kind == "text/plain":
                record["text"] = text_of(part)
            elif kind == "text/html":
                record["html"] = text_of(part)
            elif kind == "text/calendar":
                record["calendar"] = text_of(part)
                record["calendar_method"] = part.get_param("method")
        name = f"{time.time_ns():020d}-{next(self.numbers):06d}"
        partial = os.path.join(self.folder, f".{name}.partial")
        with open(partial, "w", encoding="utf-8") as out:
            json.dump(record, out)
        os.rename(partial, os.path.join(self.folder, f"{name}.json"))
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
