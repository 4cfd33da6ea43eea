"""A minimal AI-service integration with Handover, in Python.

It shows the three things an AI service does:

1. hand a conversation to the team (``POST /handovers``, with what was said so far);
2. route every customer message through Handover (``POST /conversations/:id/messages``) and stay
   silent when it answers ``routedTo: "human"``; record the AI's own answers through
   ``POST /conversations/:id/ai-replies`` and drop one that Handover refuses with ``409 ai_paused``;
3. receive Handover's webhooks, verified with the Standard Webhooks scheme, once each.

Run ``python handover_example.py --help`` for the commands. Each prints what happened as JSON lines on
stdout, so you can read along (and the project's test can check it).

Environment: ``HANDOVER_API_URL`` (default ``http://localhost:3000/api/v1``), ``HANDOVER_API_KEY``
(``hk_...``) and, for ``listen``, ``HANDOVER_WEBHOOK_SECRET`` (``whsec_...``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import quote

import requests
from standardwebhooks import Webhook, WebhookVerificationError


def emit(**fields: Any) -> None:
    """One JSON line on stdout: what the example did."""
    print(json.dumps(fields), flush=True)


# --------------------------------------------------------------------------------------------------------
# The API client
# --------------------------------------------------------------------------------------------------------


class HandoverError(Exception):
    """An error answer of the API: ``{"error": {"code", "message", "details"}}``. Branch on ``code``."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code


class HandoverClient:
    """A tiny client: one ``requests.Session`` that sends the API key as a bearer token."""

    # 503 (PostgreSQL or Temporal unreachable for a moment) and 429 (rate limit) come with Retry-After.
    RETRY_STATUSES = frozenset({429, 503})
    MAX_ATTEMPTS = 5

    def __init__(self, base_url: str, api_key: str, timeout: float = 15.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout  # the API answers every request within 10 seconds
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {api_key}"

    @classmethod
    def from_env(cls) -> HandoverClient:
        return cls(
            os.environ.get("HANDOVER_API_URL", "http://localhost:3000/api/v1"), os.environ["HANDOVER_API_KEY"]
        )

    def post(self, path: str, payload: dict[str, Any]) -> requests.Response:
        """POST JSON; on 503 or 429, or when the answer is lost, send the *same* request again.

        Every write is safe to repeat: the same ``clientMessageId`` is answered with the first result, and a
        repeated handover request returns the same handover. So a retry never doubles anything.
        """
        attempt = 1
        while True:
            try:
                response = self.session.post(f"{self.base_url}{path}", json=payload, timeout=self.timeout)
                if response.status_code not in self.RETRY_STATUSES or attempt == self.MAX_ATTEMPTS:
                    return response
                wait, why = retry_after_seconds(response), str(response.status_code)
            except (requests.ConnectionError, requests.Timeout) as error:
                if attempt == self.MAX_ATTEMPTS:
                    raise
                wait, why = 1.0, type(error).__name__  # the request may or may not have arrived
            emit(retrying=path, reason=why, after_seconds=wait)
            time.sleep(wait)
            attempt += 1

    def start_handover(
        self,
        conversation_id: str,
        reason: str,
        transcript: list[dict[str, str]],
        customer: dict[str, str] | None = None,
        trigger: str = "ai_escalation",
    ) -> dict[str, Any]:
        """Hand the conversation to the team. 201: a new handover; 200: the one already active."""
        payload: dict[str, Any] = {
            "conversationId": conversation_id,
            "reason": reason,
            "trigger": trigger,  # user_request | ai_escalation | keyword | sentiment | other
            # What was said before Handover knew the conversation; kept only for a conversation new to it.
            "transcript": transcript,
        }
        if customer:
            payload["customer"] = customer
        response = self.post("/handovers", payload)
        handover: dict[str, Any] = expect(response, 200, 201)["handover"]
        return handover

    def route_customer_message(
        self, conversation_id: str, body: str, client_message_id: str
    ) -> dict[str, Any]:
        """Route one customer message. Answers ``{messageId, routedTo, handoverId}``.

        ``routedTo == "human"``: a person has the conversation (or soon will); the AI must NOT answer.
        ``routedTo == "ai"``: no handover is active; the AI answers as usual.
        """
        response = self.post(
            f"/conversations/{quote(conversation_id, safe='')}/messages",
            {"body": body, "clientMessageId": client_message_id},
        )
        return expect(response, 202)

    def record_ai_reply(
        self, conversation_id: str, body: str, client_message_id: str, in_reply_to: str
    ) -> bool:
        """Record the AI's answer before sending it to the customer. False: do NOT send it.

        Handover answers 409 ``ai_paused`` while a person has the conversation, and when a handover began
        after the message being answered (the model was still thinking): that answer must be dropped.
        """
        response = self.post(
            f"/conversations/{quote(conversation_id, safe='')}/ai-replies",
            {"body": body, "clientMessageId": client_message_id, "inReplyTo": in_reply_to},
        )
        if response.status_code == 409 and error_code(response) == "ai_paused":
            return False
        expect(response, 201)
        return True


def expect(response: requests.Response, *statuses: int) -> dict[str, Any]:
    """The JSON body of an expected answer, or a HandoverError with the API's error code."""
    if response.status_code in statuses:
        body: dict[str, Any] = response.json()
        return body
    error = response.json().get("error", {}) if is_json(response) else {}
    raise HandoverError(
        response.status_code, error.get("code", "unknown"), error.get("message", response.text)
    )


def error_code(response: requests.Response) -> str | None:
    return response.json().get("error", {}).get("code") if is_json(response) else None


def is_json(response: requests.Response) -> bool:
    return response.headers.get("Content-Type", "").startswith("application/json")


def retry_after_seconds(response: requests.Response) -> float:
    """Retry-After in seconds (Handover sends whole seconds), within reason."""
    try:
        return min(max(float(response.headers.get("Retry-After", "1")), 0.0), 60.0)
    except ValueError:
        return 1.0


# --------------------------------------------------------------------------------------------------------
# The AI service's side of a conversation
# --------------------------------------------------------------------------------------------------------


def compose_answer(customer_message: str) -> str:
    """Stands in for your model."""
    return f"(AI) Thanks for your message: {customer_message!r}. Here is what I found."


def handle_customer_message(
    client: HandoverClient, conversation_id: str, body: str, client_message_id: str
) -> tuple[dict[str, Any], str | None]:
    """What the AI service does with every customer message: the routing, and the answer to send (or None)."""
    routed = client.route_customer_message(conversation_id, body, client_message_id)
    if routed["routedTo"] == "human":
        return routed, None  # a person has the conversation: stay silent; their answers come by webhook
    answer = compose_answer(body)
    # A handover can begin while the model thinks: record the answer first, and send it only if accepted.
    if not client.record_ai_reply(
        conversation_id, answer, f"ai-{client_message_id}", in_reply_to=routed["messageId"]
    ):
        return routed, None  # 409 ai_paused: drop it
    return routed, answer


# --------------------------------------------------------------------------------------------------------
# The webhook receiver (Python's http.server, no framework)
# --------------------------------------------------------------------------------------------------------


class WebhookHandler(BaseHTTPRequestHandler):
    """Verifies each delivery, acknowledges it with 204, and handles each event once."""

    verifier: ClassVar[Webhook]  # set by serve_webhooks
    seen_ids: ClassVar[set[str]] = set()  # a real service keeps these in its database, for a few days
    seen_lock: ClassVar[threading.Lock] = threading.Lock()

    def do_POST(self) -> None:  # the name http.server calls for a POST
        # Verify the raw bytes exactly as received: parsing and re-serializing the JSON breaks the signature.
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            event: dict[str, Any] = self.verifier.verify(body, dict(self.headers))
        except (WebhookVerificationError, ValueError) as error:  # ValueError: a malformed signature header
            emit(webhook="rejected", reason=str(error))
            self.answer(400)
            return
        # Retries carry the same webhook-id (= event id): handle each event once, acknowledge every copy.
        event_id = self.headers["webhook-id"]
        with self.seen_lock:
            duplicate = event_id in self.seen_ids
            self.seen_ids.add(event_id)
        if duplicate:
            emit(webhook="duplicate", id=event_id, type=event["type"])
        else:
            try:
                handle_event(event)
            except Exception:
                with self.seen_lock:
                    self.seen_ids.discard(event_id)
                self.answer(500)  # not acknowledged: Handover sends it again later, with backoff
                raise
        self.answer(204)  # any 2xx acknowledges; answer quickly and do slow work afterwards

    def answer(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # emit() says what happened


def handle_event(event: dict[str, Any]) -> None:
    """An event is ``{id, type, createdAt, workspaceId, data}``; data has handoverId and conversationId."""
    data = event["data"]
    seen = {
        "webhook": "verified",
        "id": event["id"],
        "type": event["type"],
        "conversationId": data.get("conversationId"),
    }
    if event["type"] == "handover.message":
        # An agent (or the product) wrote to the customer: deliver it on the customer's channel.
        message = data["message"]
        emit(**seen, sendToCustomer=message["body"], author=(message["author"] or {}).get("name"))
    elif event["type"] == "conversation.ai_resumed":
        # The handover ended and the conversation is the AI's again: its answers go out as before.
        emit(**seen, aiAnswers=True)
    else:
        # handover.requested, .claimed, .ended, conversation.ai_paused, ...: acknowledge what you don't use.
        emit(**seen)


def serve_webhooks(secret: str, host: str, port: int) -> None:
    WebhookHandler.verifier = Webhook(secret)  # the whsec_... secret of Chat Agent > Webhook
    server = ThreadingHTTPServer((host, port), WebhookHandler)
    emit(listening=f"http://{host}:{server.server_address[1]}/", port=server.server_address[1])
    server.serve_forever()


# --------------------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------------------

SAMPLE_TRANSCRIPT = [
    {"role": "customer", "body": "I want my money back"},
    {"role": "ai", "body": "Let me get a colleague"},
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("start", help="hand a conversation to the team, with a sample transcript")
    start.add_argument("conversation_id")
    start.add_argument("--reason", default="Customer asks for a refund")
    start.add_argument("--customer-name", default="Jo Customer")
    message = commands.add_parser("message", help="handle a customer message as the AI service would")
    message.add_argument("conversation_id")
    message.add_argument("body")
    message.add_argument("--id", help="your clientMessageId (default: a new one)")
    reply = commands.add_parser(
        "reply", help="record an AI answer to a message; dropped if a person took over since"
    )
    reply.add_argument("conversation_id")
    reply.add_argument("in_reply_to", help="the messageId of the customer message it answers")
    reply.add_argument("body")
    listen = commands.add_parser("listen", help="receive Handover's webhooks (HANDOVER_WEBHOOK_SECRET)")
    listen.add_argument("--host", default="127.0.0.1")
    listen.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    args = parser.parse_args(argv)

    if args.command == "listen":
        serve_webhooks(os.environ["HANDOVER_WEBHOOK_SECRET"], args.host, args.port)
        return
    client = HandoverClient.from_env()
    if args.command == "start":
        handover = client.start_handover(
            args.conversation_id, args.reason, SAMPLE_TRANSCRIPT, customer={"name": args.customer_name}
        )
        emit(handover=handover)
    elif args.command == "message":
        routed, answer = handle_customer_message(
            client, args.conversation_id, args.body, args.id or f"msg-{uuid.uuid4()}"
        )
        emit(**routed, sendToCustomer=answer)
    elif args.command == "reply":
        sent = client.record_ai_reply(
            args.conversation_id, args.body, f"ai-{uuid.uuid4()}", in_reply_to=args.in_reply_to
        )
        emit(recorded=sent, sendToCustomer=args.body if sent else None)


if __name__ == "__main__":
    try:
        main()
    except HandoverError as error:
        emit(error=error.code, status=error.status, message=str(error))
        sys.exit(1)
    except requests.RequestException as error:  # Handover could not be reached, even after retrying
        emit(error=type(error).__name__, message=str(error))
        sys.exit(1)
    except KeyboardInterrupt:
        pass
