// Generated from the API's OpenAPI document by `npm run generate:client` (runtime/client-types.ts).
// Do not edit: change the routes or their zod schemas and generate again.
export type paths = {
    "/handovers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List handovers: mine (the My Handover tab), queue, or all; filter by status, agent and time, and search */
        get: {
            parameters: {
                query?: {
                    view?: "mine" | "queue" | "all";
                    sort?: "newest" | "attention";
                    /** @description Comma-separated statuses */
                    status?: string;
                    limit?: number;
                    cursor?: string;
                    /** @description Search: words of the reason, the customer's name or email, or any message of the conversation (whole words, any language, no stemming; "quoted phrases", OR and -word as in web search); a part of a name or email (3 characters or more); or the exact conversation id. Not only spaces */
                    q?: string;
                    /** @description Only handovers assigned to this member (the agent who has or had it) */
                    assigneeId?: string;
                    /** @description Only handovers requested at or after this time: a date (YYYY-MM-DD, from its start in UTC) or an RFC 3339 date-time, in the year 0001 or later */
                    from?: string;
                    /** @description Only handovers requested at or before this time: a date (YYYY-MM-DD, to its end in UTC) or an RFC 3339 date-time; not before `from`, in the year 0001 or later */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ListHandoversResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Hand a conversation to the team
         * @description Answers 201 with a new handover, or 200 with the active one when the conversation already has one. While the handover is active, customer messages are routed to humans and the AI must stay silent.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StartHandoverRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverResponse"];
                    };
                };
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The customer left: end the handover */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["LeaveHandoverRequest"] | null;
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record the customer's rating of an ended handover */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RateHandoverRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{conversationId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The transcript in seq order, for channels that poll */
        get: {
            parameters: {
                query?: {
                    afterSeq?: number;
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The AI service's own conversation id */
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ListMessagesResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Route a customer message
         * @description When `routedTo` is "human", a handover is active: the AI must not answer this message. Files upload first (POST /attachments), then go with the message by id in `attachmentIds`; an id that is not an upload of this workspace, or was sent with another message, is refused with 422.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The AI service's own conversation id */
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CustomerMessageRequest"];
                };
            };
            responses: {
                /** @description Success */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerMessageResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{conversationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the AI is paused, and the active handover */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The AI service's own conversation id */
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConversationResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{conversationId}/ai-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the AI's answer, unless a handover began since the message it answers
         * @description Answers 409 ai_paused when the reply is stale: nothing is stored and the AI must not send it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The AI service's own conversation id */
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AiReplyRequest"];
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AiReplyResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email and password; sets the session cookie, or asks for the second factor
         * @description A member without two-factor gets `{ member }` and the session cookie. A member with two-factor gets `{ twoFactorRequired: true, expiresAt }` and no session: a short-lived, single-use cookie names this sign-in, and POST /auth/login/two-factor with a code of their app (or a recovery code) completes it.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LoginRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LoginResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a sign-in with the second factor; sets the session cookie
         * @description Sends the cookie POST /auth/login set, and a code of the authenticator app (each is taken once) or a recovery code (each works once). A wrong code is 401 and counts against the sign-in limits like a wrong password; after 5 wrong codes, or 5 minutes, the sign-in is over and the password must be given again.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LoginTwoFactorRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MemberResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: the session ends on the server too */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @constant */
                            ok: true;
                        };
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in member, and whether they must enrol in two-factor before anything else */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MeResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where I am signed in: my sessions in force, this one marked */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions/revoke-others": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out everywhere else: end all my sessions but this one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RevokeOtherSessionsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End one of my sessions (this one too: that signs me out here)
         * @description Its next request is refused and its open live streams end. Another member's session id is 404, as one that does not exist.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SessionsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/two-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether I sign in with a second factor, and whether my workspace requires one */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TwoFactorStatusResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Start enrolling an authenticator app: a new secret, as text and as an otpauth:// URI
         * @description Nothing changes at sign-in until POST /me/two-factor/confirm takes a current code of the app. Starting again replaces the secret of an enrolment not yet confirmed. 409 when two-factor is already on.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StartTwoFactorResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/two-factor/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Finish enrolling with a current code of the app; answers the recovery codes, shown this once
         * @description A wrong code is 422 naming `code` and changes nothing. 409 when no enrolment was started, or two-factor is already on.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConfirmTwoFactorRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConfirmTwoFactorResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/two-factor/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn two-factor off, with my password and a code (of the app, or a recovery code)
         * @description A wrong password or code is 422 naming the field, changes nothing, and counts against the sign-in limits like a wrong password at sign-in. 409 when two-factor is not on.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DisableTwoFactorRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TwoFactorStatusResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings/security": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's sign-in requirements */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SecuritySettingsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        /**
         * Require two-factor of every member, or not (admins)
         * @description Once required, a member without two-factor may only enrol (and see who they are, their sessions, sign out): every other call answers 403 two_factor_enrolment_required, and their open live streams end. The admin turning it on must have two-factor on already (409 otherwise), so the requirement never shuts out the one who set it.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SecuritySettings"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SecuritySettingsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A handover with its transcript, internal notes and session summary */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverDetailResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The handover's timeline */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverEventsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take over a pending handover; exactly one member wins */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ClaimHandoverRequest"] | null;
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record how far the member has read the handover's conversation
         * @description The console sends the seq of the last message on screen; the inbox's unreadCount counts the customer's messages after it. The marker only moves forward.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MarkReadRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MarkReadResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message to the customer (the assignee only)
         * @description Answers 202 once the message is durably accepted; it appears with its seq as message.created on the stream. Files upload first (POST /handovers/{id}/attachments) and go by id in `attachmentIds`; one that is not your upload, or went with another message, is refused with 422.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SendAgentMessageRequest"];
                };
            };
            responses: {
                /** @description Success */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AcceptedMessageResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add an internal note; never sent to the customer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateNoteRequest"];
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NoteResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/transfer-candidates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whom a handover in progress may be transferred to, with how many handovers each holds
         * @description The same rules as POST /handovers/{id}/transfer: the assignee, a supervisor or an admin may ask, and a member marked atCapacity would be refused.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TransferCandidatesResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Transfer a handover in progress to another eligible member */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TransferHandoverRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End Handover: return the conversation to the AI or close it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["EndHandoverRequest"] | null;
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a customer's file, to send with a message
         * @description The body is the file itself (not multipart), its type in Content-Type, its name in `?name=`. Accepted: image/png, image/jpeg, image/gif, image/webp, application/pdf, text/plain, text/csv, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/vnd.openxmlformats-officedocument.presentationml.presentation, application/vnd.oasis.opendocument.text, application/vnd.oasis.opendocument.spreadsheet, application/msword, application/vnd.ms-excel, application/vnd.ms-powerpoint; an image must be what its type says (its bytes are checked), SVG and HTML are never accepted. Answers 413 `payload_too_large` over ATTACHMENT_MAX_BYTES (10 MiB unless set), 413 `quota_exceeded` when the workspace's files would take more than ATTACHMENT_QUOTA_BYTES together (no limit unless set; details.quotaBytes and usedBytes), 415 for another type or bytes that do not match it. Send the returned id in `attachmentIds` of a message; until then only its uploader can fetch it.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The file name to show and to save as; "file" when absent */
                    name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The file's bytes, with its type as Content-Type */
            requestBody: {
                content: {
                    "image/png": string;
                    "image/jpeg": string;
                    "image/gif": string;
                    "image/webp": string;
                    "application/pdf": string;
                    "text/plain": string;
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation": string;
                    "application/vnd.oasis.opendocument.text": string;
                    "application/vnd.oasis.opendocument.spreadsheet": string;
                    "application/msword": string;
                    "application/vnd.ms-excel": string;
                    "application/vnd.ms-powerpoint": string;
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AttachmentResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description `payload_too_large`: the file is larger than the limit (ATTACHMENT_MAX_BYTES, 10 MiB unless set); `quota_exceeded`: the workspace's files would take more than ATTACHMENT_QUOTA_BYTES together (no limit unless set) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The file is not of a type we take, or its bytes are not what its Content-Type says */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a file to send to the customer (the assignee only)
         * @description The body is the file itself (not multipart), its type in Content-Type, its name in `?name=`. Accepted: image/png, image/jpeg, image/gif, image/webp, application/pdf, text/plain, text/csv, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/vnd.openxmlformats-officedocument.presentationml.presentation, application/vnd.oasis.opendocument.text, application/vnd.oasis.opendocument.spreadsheet, application/msword, application/vnd.ms-excel, application/vnd.ms-powerpoint; an image must be what its type says (its bytes are checked), SVG and HTML are never accepted. Answers 413 `payload_too_large` over ATTACHMENT_MAX_BYTES (10 MiB unless set), 413 `quota_exceeded` when the workspace's files would take more than ATTACHMENT_QUOTA_BYTES together (no limit unless set; details.quotaBytes and usedBytes), 415 for another type or bytes that do not match it. Send the returned id in `attachmentIds` of a message; until then only its uploader can fetch it.
         */
        post: {
            parameters: {
                query?: {
                    /** @description The file name to show and to save as; "file" when absent */
                    name?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description The file's bytes, with its type as Content-Type */
            requestBody: {
                content: {
                    "image/png": string;
                    "image/jpeg": string;
                    "image/gif": string;
                    "image/webp": string;
                    "application/pdf": string;
                    "text/plain": string;
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation": string;
                    "application/vnd.oasis.opendocument.text": string;
                    "application/vnd.oasis.opendocument.spreadsheet": string;
                    "application/msword": string;
                    "application/vnd.ms-excel": string;
                    "application/vnd.ms-powerpoint": string;
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AttachmentResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description `payload_too_large`: the file is larger than the limit (ATTACHMENT_MAX_BYTES, 10 MiB unless set); `quota_exceeded`: the workspace's files would take more than ATTACHMENT_QUOTA_BYTES together (no limit unless set) */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The file is not of a type we take, or its bytes are not what its Content-Type says */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a file sent with a message
         * @description With the workspace's API key, any attachment of the workspace; with a session, those of handovers the member may see (403 not_a_handover_member otherwise) and their own uploads not sent yet. Images are served inline, anything else as a download; always with X-Content-Type-Options: nosniff.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The file, with the type it was uploaded as */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/png": string;
                        "image/jpeg": string;
                        "image/gif": string;
                        "image/webp": string;
                        "application/pdf": string;
                        "text/plain": string;
                        "text/csv": string;
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                        "application/vnd.openxmlformats-officedocument.presentationml.presentation": string;
                        "application/vnd.oasis.opendocument.text": string;
                        "application/vnd.oasis.opendocument.spreadsheet": string;
                        "application/msword": string;
                        "application/vnd.ms-excel": string;
                        "application/vnd.ms-powerpoint": string;
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/customer-context": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's earlier handovers and the attributes the AI service sent
         * @description Who may open the handover may ask. A member not on the handover team is shown only the earlier handovers they could open themselves: theirs, or one an escalation opened to everyone.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CustomerContextResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/workflow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A handover's workflow: its status, live state, pending work and a summary of its history
         * @description Read from Temporal through our authorization, for admins and supervisors (agents: 403). The history summary names signals, Updates, activities and timers with times and counts, never a message or any other payload. Another workspace's handover is not found (404) before Temporal is asked. `workflow` is null, with `message` saying why, when Temporal no longer keeps the workflow (retention). Temporal unreachable: 503 `unavailable`. Each view reads Temporal, so a member may view 10 a minute, and a process reads a few at once: beyond, 429 `rate_limited` with Retry-After.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverWorkflowResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/conversations/{conversationId}/typing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The customer is typing, or stopped: shown in the console while a handover is active
         * @description Send `typing: true` every few seconds while the customer types and `false` when they stop; the console shows it until `expiresAt` unless reported again, so a lost `false` leaves nothing stuck. Nothing is stored. Reports are throttled per conversation (one `true` every 3 s goes through; the rest are accepted and dropped). Answers 409 `handover_ended` when no handover is active: the AI has the conversation, and nobody watches.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The AI service's own conversation id */
                    conversationId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TypingRequest"];
                };
            };
            responses: {
                /** @description Success */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TypingResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/handovers/{id}/typing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The assignee is typing, or stopped: sent to the AI service as a handover.typing webhook
         * @description The assignee only, as for sending messages. Throttled per handover (one `typing: true` webhook every 3 s); the webhook is sent once, at once, and never retried nor logged.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TypingRequest"];
                };
            };
            responses: {
                /** @description Success */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TypingResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings/handover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's Human Handover settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverSettingsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        /**
         * Save the Human Handover settings (admins); new handovers use them
         * @description Rules across fields, refused with 422 naming the field: each escalation level comes later than the one before it, the fallback comes after the last level, and memberIds name members of this workspace.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["HandoverSettings"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverSettingsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings/workspace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's name and time zone */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkspaceSettingsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        /**
         * Rename the workspace or change its time zone (admins)
         * @description Send a name, a timeZone, or both; what is left out stays. The time zone is an IANA name in any case ("europe/paris"), stored under its canonical name ("Europe/Paris"); analytics count local days in it from then on unless a request names another (`tz`). A zone the database does not know is refused with 422 naming timeZone.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SaveWorkspaceSettingsRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkspaceSettingsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's team members */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MembersResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Invite a member by email (admins), or create one with a first password
         * @description Without `password`: an invitation is emailed with a one-time link, and the answer is the invitation. The answer is the same for an address that has an account in another workspace (its owner is told by email instead; the admin is not). With `password` (older clients, and only where the operator allows it: ALLOW_ADMIN_SET_PASSWORD, else 403): the member is created at once, and the answer is the member; 409 when the email is taken in any workspace, which is why it is off unless allowed. A member of this workspace answers 409 either way.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateMemberRequest"];
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreateMemberResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/members/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a member's name or role, or deactivate them (admins) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["UpdateMemberRequest"] | null;
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MemberResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's API keys (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ListApiKeysResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API key; its secret is shown this once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateApiKeyRequest"];
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreateApiKeyResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key at once */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Invitations not yet accepted (admins)
         * @description Pending ones, whose link works, and expired ones, which can be sent again.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ListInvitationsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email an invitation again with a new link (admins)
         * @description The previous link stops working; the new one works for 7 days.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvitationResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an invitation (admins): its link stops working at once */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvitationResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What an invitation link invites to, for the page it opens
         * @description The token travels in the body, not the URL, so it stays out of logs along the way.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InvitationTokenRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvitationPreviewResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The one-time link was used, replaced by a newer one, revoked, or has expired (invalid_link) */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/invitation/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation: choose a password, become a member, and be signed in
         * @description The link works once. 409 when the address got an account meanwhile (sign in with it instead).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AcceptInvitationRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MemberResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The one-time link was used, replaced by a newer one, revoked, or has expired (invalid_link) */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forgotten password: email a one-time reset link
         * @description Answers 202 whatever the email, so the answer never tells whether it has an account; an active member's address gets a link that works once, for 60 minutes. A new request replaces the previous link. Limited per address and per email.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasswordResetRequest"];
                };
            };
            responses: {
                /** @description Success */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OkResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password-reset/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with a reset link's token; signs the member out everywhere */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CompletePasswordResetRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OkResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The one-time link was used, replaced by a newer one, revoked, or has expired (invalid_link) */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change my password; my other sessions end, this one stays
         * @description The current password is checked as a sign-in is, with the same growing waits after wrong ones, counted per member whatever the session or address, and against the per-address limit on failed sign-ins (403 with `details.field` `currentPassword` for a wrong one, 429 while waiting).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChangePasswordRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["OkResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/canned-replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The workspace's canned replies, by title
         * @description For every member: anyone may come to take a handover (one assigned to them, or one an escalation opened to everyone). Placeholders are returned as written; the console fills them.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ListCannedRepliesResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Save a canned reply (admins)
         * @description Refused with 409 when another reply has the same title, whatever its case, and with 422 for an unknown placeholder.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CreateCannedReplyRequest"];
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CannedReplyResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/canned-replies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a canned reply (admins) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CannedReplyResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Change a canned reply's title or text (admins)
         * @description The same rules as POST /canned-replies: 409 for a title another reply has, 422 for an unknown placeholder.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["UpdateCannedReplyRequest"] | null;
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CannedReplyResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/settings/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The webhook URL and whether it is disabled (never the secret) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        /**
         * Set the webhook URL, and the signing secret if given; the first save without one generates one, shown once
         * @description Saving also re-enables an endpoint that was disabled by a 410 Gone. Without a `secret` the current one stays, so a changed URL keeps its receiver verifying deliveries. A different `secret` replaces it; the replaced one keeps signing deliveries beside it for 24 hours.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookSettingsRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookSettingsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings/webhook/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the signing secret with a new one, shown once; the previous one keeps signing for 24 hours
         * @description For 24 hours every delivery carries the old secret's signature beside the new one's in `webhook-signature` (the new secret's first), so the receiver can switch to the new secret without refusing a delivery. Rotating again within those hours adds a signature: each replaced secret signs for its own 24 hours (at most ten at once).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookSecretRotation"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log: event, attempts, last status code and error, next attempt */
        get: {
            parameters: {
                query?: {
                    status?: "pending" | "delivered" | "failed" | "skipped";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ListDeliveriesResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhook-deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a failed or skipped delivery again, with the same event id */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": Record<string, never> | null;
                };
            };
            responses: {
                /** @description Success */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeliveryResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How handover notifications reach me away from the console
         * @description For every member. Carries the installation's VAPID public key, which a browser subscribes to Web Push with.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MyNotificationsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        /**
         * Turn email notifications on or off for me
         * @description Web Push is turned on and off per browser, with POST and DELETE /me/push-subscriptions.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UpdateNotificationPreferencesRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MyNotificationsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/push-subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn Web Push on in this browser: store its push subscription for me
         * @description The body is the PushSubscription the browser gave for the VAPID public key of GET /me/notifications. 201 when new; 409 past 20 browsers of one member; the same endpoint again answers 200 and keeps the newest keys (another member signing in in that browser takes it over). In production the endpoint must be https and not on a private address.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SubscribePushRequest"];
                };
            };
            responses: {
                /** @description Success */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PushSubscriptionResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description The state does not allow it */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/push-subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Turn Web Push off in a browser of mine */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MyNotificationsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not found in your workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings/slack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the workspace's Slack channel is told of handovers (never the whole URL) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SlackSettingsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        /**
         * Set the Slack-compatible incoming webhook that every notified level is posted to, or null to stop (admins)
         * @description One message per notified level (the request, each escalation), to the channel the webhook posts to, for the whole workspace. The URL is a secret: it is kept, never shown again, and never logged. In production it must be https and not on a private address.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SlackSettingsRequest"];
                };
            };
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SlackSettingsResponse"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/handover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Handover analytics for a period: totals, times (p50, p90, mean), CSAT, reasons, agents, a series
         * @description `from` and `to` are local days in `tz` (the workspace's time zone unless given) or instants. `from` must be before `to` (400 otherwise), and the period at most 400 days (400 otherwise). Day buckets start at local midnights, so a day with a DST change has 23 or 25 hours. The filters narrow every figure, the live counts (pending, in progress) too.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Start of the period (inclusive): a local day (midnight in `tz`) or an instant; default 30 days before `to` */
                    from?: string;
                    /** @description End of the period (exclusive): a local day (its midnight in `tz`, so `to=2026-12-01` includes all of November 30) or an instant; default now */
                    to?: string;
                    /** @description Time zone of local days and day buckets; default the workspace's time zone */
                    tz?: string;
                    bucket?: "hour" | "day";
                    /** @description Only handovers of this trigger */
                    trigger?: "user_request" | "ai_escalation" | "keyword" | "sentiment" | "other";
                    /** @description Only handovers assigned to this member (now, or when they ended): one transferred away counts for its new assignee */
                    memberId?: string;
                    /** @description Only handovers that ended this way (abandoned: customer_left; timed out: timed_out) */
                    outcome?: "resolved" | "unresolved" | "returned_to_ai" | "closed" | "timed_out" | "customer_left";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HandoverAnalytics"];
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/handover/handovers.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The handovers of a period as CSV, one row per handover, oldest request first
         * @description The period and filters of GET /analytics/handover: `from` and `to` are local days in `tz` (the workspace's time zone unless given) or instants; a bad period, zone or member is refused with the JSON error envelope before any CSV is sent. Streamed as PostgreSQL produces it (RFC 4180, UTF-8, a header row); text cells starting with =, +, -, @, a tab or a carriage return get a leading ' so a spreadsheet never runs them as a formula. See docs/analytics.md, Export. Times are local to `tz` with their offset (2026-11-30T09:15:00+01:00).
         */
        get: {
            parameters: {
                query?: {
                    /** @description Start of the period (inclusive): a local day (midnight in `tz`) or an instant; default 30 days before `to` */
                    from?: string;
                    /** @description End of the period (exclusive): a local day (its midnight in `tz`, so `to=2026-12-01` includes all of November 30) or an instant; default now */
                    to?: string;
                    /** @description Time zone of local days and day buckets; default the workspace's time zone */
                    tz?: string;
                    /** @description Only handovers of this trigger */
                    trigger?: "user_request" | "ai_escalation" | "keyword" | "sentiment" | "other";
                    /** @description Only handovers assigned to this member (now, or when they ended): one transferred away counts for its new assignee */
                    memberId?: string;
                    /** @description Only handovers that ended this way (abandoned: customer_left; timed out: timed_out) */
                    outcome?: "resolved" | "unresolved" | "returned_to_ai" | "closed" | "timed_out" | "customer_left";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The handovers, one row each (attachment handovers-<from>-<to>.csv) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/analytics/handover/agents.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The agent table of a period as CSV, one row per member who claimed a handover in it
         * @description The period and filters of GET /analytics/handover: `from` and `to` are local days in `tz` (the workspace's time zone unless given) or instants; a bad period, zone or member is refused with the JSON error envelope before any CSV is sent. Streamed as PostgreSQL produces it (RFC 4180, UTF-8, a header row); text cells starting with =, +, -, @, a tab or a carriage return get a leading ' so a spreadsheet never runs them as a formula. See docs/analytics.md, Export. The columns are the agents of GET /analytics/handover; times in seconds.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Start of the period (inclusive): a local day (midnight in `tz`) or an instant; default 30 days before `to` */
                    from?: string;
                    /** @description End of the period (exclusive): a local day (its midnight in `tz`, so `to=2026-12-01` includes all of November 30) or an instant; default now */
                    to?: string;
                    /** @description Time zone of local days and day buckets; default the workspace's time zone */
                    tz?: string;
                    /** @description Only handovers of this trigger */
                    trigger?: "user_request" | "ai_escalation" | "keyword" | "sentiment" | "other";
                    /** @description Only handovers assigned to this member (now, or when they ended): one transferred away counts for its new assignee */
                    memberId?: string;
                    /** @description Only handovers that ended this way (abandoned: customer_left; timed out: timed_out) */
                    outcome?: "resolved" | "unresolved" | "returned_to_ai" | "closed" | "timed_out" | "customer_left";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The agent table, one row per member (attachment agents-<from>-<to>.csv) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Validation failed; details.issues lists the fields */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Temporal or Postgres unreachable, or the handover did not answer in time; send the same request again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-Sent Events of what this member may see
         * @description Events `handover.updated` { handover }, `message.created` { message }, `note.created` { note }. Each has an id; reconnect with the `Last-Event-ID` header to receive what was missed. A comment line every 15 s keeps proxies open.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The event stream */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": string;
                    };
                };
                /** @description The body is not JSON (invalid_json), or the body, query string or path cannot be read (invalid_request) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description No or bad credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Not allowed (a session write must also come from our own origin; a member whose workspace requires two-factor and who has none gets two_factor_enrolment_required) */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Body over 64 KiB */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description Rate limited, or this member holds as many open streams as they may (20): close another tab first */
                429: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
                /** @description This API process holds as many open streams as it may (5,000), or PostgreSQL is unreachable; open it again after Retry-After */
                503: {
                    headers: {
                        /** @description Seconds to wait before sending the same request again */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ErrorResponse"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = {
    "handover.requested": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A handover was requested
         * @description Signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`); for 24 hours after the secret is rotated `webhook-signature` also holds the replaced secret's signature (the current secret's first), and any verifies. Answer 2xx once handled; anything else is retried with backoff (honouring `Retry-After`), and 410 disables the endpoint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEvent_handover_requested"];
                };
            };
            responses: {
                /** @description Handled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "handover.escalated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Nobody took the handover in time: the next ladder level is notified
         * @description Signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`); for 24 hours after the secret is rotated `webhook-signature` also holds the replaced secret's signature (the current secret's first), and any verifies. Answer 2xx once handled; anything else is retried with backoff (honouring `Retry-After`), and 410 disables the endpoint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEvent_handover_escalated"];
                };
            };
            responses: {
                /** @description Handled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "handover.claimed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A member took the handover over
         * @description Signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`); for 24 hours after the secret is rotated `webhook-signature` also holds the replaced secret's signature (the current secret's first), and any verifies. Answer 2xx once handled; anything else is retried with backoff (honouring `Retry-After`), and 410 disables the endpoint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEvent_handover_claimed"];
                };
            };
            responses: {
                /** @description Handled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "handover.transferred": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The handover moved to another member
         * @description Signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`); for 24 hours after the secret is rotated `webhook-signature` also holds the replaced secret's signature (the current secret's first), and any verifies. Answer 2xx once handled; anything else is retried with backoff (honouring `Retry-After`), and 410 disables the endpoint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEvent_handover_transferred"];
                };
            };
            responses: {
                /** @description Handled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "handover.requeued": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The assignee let the handover go: it waits for a member again
         * @description Signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`); for 24 hours after the secret is rotated `webhook-signature` also holds the replaced secret's signature (the current secret's first), and any verifies. Answer 2xx once handled; anything else is retried with backoff (honouring `Retry-After`), and 410 disables the endpoint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEvent_handover_requeued"];
                };
            };
            responses: {
                /** @description Handled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "handover.message": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * An agent or system message for the customer: send it to their channel, with its files (`message.attachments`: GET each `path` with your API key)
         * @description Signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`); for 24 hours after the secret is rotated `webhook-signature` also holds the replaced secret's signature (the current secret's first), and any verifies. Answer 2xx once handled; anything else is retried with backoff (honouring `Retry-After`), and 410 disables the endpoint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEvent_handover_message"];
                };
            };
            responses: {
                /** @description Handled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "handover.ended": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The handover ended
         * @description Signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`); for 24 hours after the secret is rotated `webhook-signature` also holds the replaced secret's signature (the current secret's first), and any verifies. Answer 2xx once handled; anything else is retried with backoff (honouring `Retry-After`), and 410 disables the endpoint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEvent_handover_ended"];
                };
            };
            responses: {
                /** @description Handled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "handover.typing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The assignee is typing (or stopped): show it to the customer if the channel can. Best effort: sent at once, never retried nor logged; at most one `typing: true` per handover every 3 s while the agent types. Hide it at `expiresAt` unless another one comes, or on `typing: false` or the agent's message.
         * @description Signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`); for 24 hours after the secret is rotated `webhook-signature` also holds the replaced secret's signature (the current secret's first), and any verifies. Answer 2xx once handled; anything else is retried with backoff (honouring `Retry-After`), and 410 disables the endpoint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEvent_handover_typing"];
                };
            };
            responses: {
                /** @description Handled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "conversation.ai_paused": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A person has the conversation: the AI must stay silent
         * @description Signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`); for 24 hours after the secret is rotated `webhook-signature` also holds the replaced secret's signature (the current secret's first), and any verifies. Answer 2xx once handled; anything else is retried with backoff (honouring `Retry-After`), and 410 disables the endpoint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEvent_conversation_ai_paused"];
                };
            };
            responses: {
                /** @description Handled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "conversation.ai_resumed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The conversation is the AI’s again
         * @description Signed by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`, `webhook-signature`); for 24 hours after the secret is rotated `webhook-signature` also holds the replaced secret's signature (the current secret's first), and any verifies. Answer 2xx once handled; anything else is retried with backoff (honouring `Retry-After`), and 410 disables the endpoint.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEvent_conversation_ai_resumed"];
                };
            };
            responses: {
                /** @description Handled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type components = {
    schemas: {
        StartHandoverRequest: {
            /** @description The AI service's own conversation id */
            conversationId: string;
            reason: string;
            /** @enum {string} */
            trigger: "user_request" | "ai_escalation" | "keyword" | "sentiment" | "other";
            customer?: components["schemas"]["Customer"];
            transcript?: {
                /** @enum {string} */
                role: "customer" | "ai";
                body: string;
                /**
                 * Format: date-time
                 * @description When it was said (RFC 3339)
                 */
                at?: string;
            }[];
            metadata?: {
                [key: string]: unknown;
            };
        };
        Customer: {
            id?: string;
            name?: string;
            email?: string;
        };
        LeaveHandoverRequest: Record<string, never>;
        RateHandoverRequest: {
            score: number;
            comment?: string;
        };
        CustomerMessageRequest: {
            /** @description 1 to 4000 characters; may be empty when attachmentIds names at least one file */
            body: string;
            /** @description Your id for this message; sending the same id again is answered with the first result */
            clientMessageId: string;
            /** @description Files to send with the message (at most 10), by the ids their upload answered. Each is sent once: an id that is not an upload of yours in this workspace, or was sent with another message, is refused with 422. */
            attachmentIds?: string[];
        };
        AiReplyRequest: {
            body: string;
            /** @description Your id for this message; sending the same id again is answered with the first result */
            clientMessageId: string;
            inReplyTo: string;
        };
        LoginRequest: {
            /** Format: email */
            email: string;
            password: string;
        };
        LoginTwoFactorRequest: {
            /** @description The 6-digit code of the authenticator app, or one of the recovery codes (each works once) */
            code: string;
        };
        ConfirmTwoFactorRequest: {
            /** @description The 6-digit code the authenticator app shows now */
            code: string;
        };
        DisableTwoFactorRequest: {
            /** @description The member’s current password */
            password: string;
            /** @description The 6-digit code of the authenticator app, or one of the recovery codes (each works once) */
            code: string;
        };
        SecuritySettings: {
            /** @description Every member signs in with a second factor; one without it may only enrol */
            requireTwoFactor: boolean;
        };
        ClaimHandoverRequest: Record<string, never>;
        MarkReadRequest: {
            /** @description The conversation's last message the member has seen (its seq); a marker only moves forward */
            seq: number;
        };
        SendAgentMessageRequest: {
            /** @description 1 to 4000 characters; may be empty when attachmentIds names at least one file */
            body: string;
            /** @description Your id for this message; sending the same id again is answered with the first result */
            clientMessageId: string;
            /** @description Files to send with the message (at most 10), by the ids their upload answered. Each is sent once: an id that is not an upload of yours in this workspace, or was sent with another message, is refused with 422. */
            attachmentIds?: string[];
        };
        CreateNoteRequest: {
            body: string;
        };
        TransferHandoverRequest: {
            /** @description An active member selected for handovers, or a supervisor or admin */
            toMemberId: string;
        };
        EndHandoverRequest: {
            /** @enum {string} */
            outcome?: "resolved" | "unresolved";
            note?: string;
        };
        TypingRequest: {
            /** @description true while typing (repeat it every few seconds while it lasts), false once stopped */
            typing: boolean;
        };
        HandoverSettings: {
            /** @description Enable Human Handover (Chat) */
            enabled: boolean;
            /** @description Who gets notified and may see and claim */
            memberIds: string[];
            returnToAi: boolean;
            maxConcurrentPerAgent: number | null;
            /** @description No agent reply this long after a claim or a customer message: remind, then requeue */
            assigneeResponseSeconds: number | null;
            /**
             * @description End the handover (outcome customer_left) after the customer is silent this long; null never
             * @default null
             */
            customerSilenceSeconds: number | null;
            escalation: {
                levels: {
                    afterSeconds: number;
                    /** @enum {string} */
                    notify: "members" | "supervisors" | "everyone";
                    customerMessage?: string;
                }[];
                fallback: {
                    afterSeconds: number;
                    /** @enum {string} */
                    action: "return_to_ai" | "close";
                    customerMessage: string;
                };
            };
        };
        SaveWorkspaceSettingsRequest: {
            /**
             * @description The workspace's name, 1 to 100 characters (trimmed)
             * @example Acme Support
             */
            name?: string;
            /**
             * @description An IANA time zone name, like Europe/Paris
             * @example Europe/Paris
             */
            timeZone?: string;
        };
        CreateMemberRequest: {
            /** Format: email */
            email: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "supervisor" | "agent";
            /** @description Without it (the console does so) the member is invited by email: a one-time link lets them choose their own password. With it, the member is created at once with this first password (older clients); the member's email must then be free in every workspace. */
            password?: string;
        };
        UpdateMemberRequest: {
            name?: string;
            /** @enum {string} */
            role?: "admin" | "supervisor" | "agent";
            active?: boolean;
        };
        CreateApiKeyRequest: {
            name: string;
        };
        InvitationTokenRequest: {
            /** @description The token of a one-time link (the last part of its path) */
            token: string;
        };
        AcceptInvitationRequest: {
            /** @description The token of a one-time link (the last part of its path) */
            token: string;
            /** @description Their name as the team will see it (the invitation proposes one) */
            name: string;
            /** @description At least 12 characters; not one of the most common passwords, nor the member's email */
            password: string;
        };
        PasswordResetRequest: {
            /** Format: email */
            email: string;
        };
        CompletePasswordResetRequest: {
            /** @description The token of a one-time link (the last part of its path) */
            token: string;
            /** @description At least 12 characters; not one of the most common passwords, nor the member's email */
            password: string;
        };
        ChangePasswordRequest: {
            currentPassword: string;
            /** @description At least 12 characters; not one of the most common passwords, nor the member's email */
            newPassword: string;
        };
        CreateCannedReplyRequest: {
            /** @description What agents type after / to find the reply; unique in the workspace, whatever the case */
            title: string;
            /** @description The reply. Placeholders the console fills when an agent inserts it: `{{customer.name}}` (the customer's name; "there" when unknown), `{{customer.email}}` (the customer's email address), `{{agent.name}}` (your name, as the customer sees it); any other is refused */
            text: string;
        };
        UpdateCannedReplyRequest: {
            /** @description What agents type after / to find the reply; unique in the workspace, whatever the case */
            title?: string;
            /** @description The reply. Placeholders the console fills when an agent inserts it: `{{customer.name}}` (the customer's name; "there" when unknown), `{{customer.email}}` (the customer's email address), `{{agent.name}}` (your name, as the customer sees it); any other is refused */
            text?: string;
        };
        WebhookSettingsRequest: {
            /** Format: uri */
            url: string;
            /** @description Omit to keep the current secret (the first save generates one and returns it once). A different secret replaces the current one, which keeps signing deliveries beside it for 24 hours. */
            secret?: string;
        };
        UpdateNotificationPreferencesRequest: {
            /** @description Email notifications on or off */
            email: boolean;
        };
        /** @description The browser's PushSubscription, as its toJSON() gives it */
        SubscribePushRequest: {
            /**
             * Format: uri
             * @description PushSubscription.endpoint; https only in production
             */
            endpoint: string;
            expirationTime?: number | null;
            keys: {
                p256dh: string;
                auth: string;
            };
        };
        SlackSettingsRequest: {
            /** @description A Slack-compatible incoming webhook URL (https only in production); null turns Slack notifications off */
            url: string | null;
        };
        /** @description A handover was requested */
        WebhookEvent_handover_requested: {
            /** @description Stable across retries: drop a delivery whose id you have already handled */
            id: string;
            /** @constant */
            type: "handover.requested";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            workspaceId: string;
            data: {
                handoverId: string;
                conversationId: string;
                reason: string;
                /** @enum {string} */
                trigger: "user_request" | "ai_escalation" | "keyword" | "sentiment" | "other";
            };
        };
        /** @description Nobody took the handover in time: the next ladder level is notified */
        WebhookEvent_handover_escalated: {
            /** @description Stable across retries: drop a delivery whose id you have already handled */
            id: string;
            /** @constant */
            type: "handover.escalated";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            workspaceId: string;
            data: {
                handoverId: string;
                conversationId: string;
                level: number;
            };
        };
        /** @description A member took the handover over */
        WebhookEvent_handover_claimed: {
            /** @description Stable across retries: drop a delivery whose id you have already handled */
            id: string;
            /** @constant */
            type: "handover.claimed";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            workspaceId: string;
            data: {
                handoverId: string;
                conversationId: string;
                assignee: {
                    id: string;
                    name: string;
                };
            };
        };
        /** @description The handover moved to another member */
        WebhookEvent_handover_transferred: {
            /** @description Stable across retries: drop a delivery whose id you have already handled */
            id: string;
            /** @constant */
            type: "handover.transferred";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            workspaceId: string;
            data: {
                handoverId: string;
                conversationId: string;
                from: {
                    id: string;
                    name: string;
                };
                to: {
                    id: string;
                    name: string;
                };
            };
        };
        /** @description The assignee let the handover go: it waits for a member again */
        WebhookEvent_handover_requeued: {
            /** @description Stable across retries: drop a delivery whose id you have already handled */
            id: string;
            /** @constant */
            type: "handover.requeued";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            workspaceId: string;
            data: {
                handoverId: string;
                conversationId: string;
                previousAssignee: {
                    id: string;
                    name: string;
                };
            };
        };
        /** @description An agent or system message for the customer: send it to their channel, with its files (`message.attachments`: GET each `path` with your API key) */
        WebhookEvent_handover_message: {
            /** @description Stable across retries: drop a delivery whose id you have already handled */
            id: string;
            /** @constant */
            type: "handover.message";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            workspaceId: string;
            data: {
                handoverId: string;
                conversationId: string;
                message: components["schemas"]["Message"];
            };
        };
        Message: {
            id: string;
            conversationId: string;
            handoverId: string | null;
            /** @description Strictly increasing per conversation */
            seq: number;
            /** @enum {string} */
            sender: "customer" | "ai" | "agent" | "system";
            author: {
                id: string;
                name: string;
            } | null;
            /** @description Empty when the message is only its attachments */
            body: string;
            /** @description Files sent with the message, in the order given */
            attachments: components["schemas"]["Attachment"][];
            clientMessageId: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
        };
        /** @description A file sent with a message */
        Attachment: {
            id: string;
            /** @description The file name as uploaded, without any path */
            name: string;
            /** @description The type the file was uploaded as, checked against its bytes */
            contentType: string;
            /** @description In bytes */
            size: number;
            /** @description Where to GET the file, below the API's origin: with the workspace's API key, or a session of a member who may see the handover */
            path: string;
        };
        /** @description The handover ended */
        WebhookEvent_handover_ended: {
            /** @description Stable across retries: drop a delivery whose id you have already handled */
            id: string;
            /** @constant */
            type: "handover.ended";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            workspaceId: string;
            data: {
                handoverId: string;
                conversationId: string;
                /** @enum {string} */
                outcome: "resolved" | "unresolved" | "returned_to_ai" | "closed" | "timed_out" | "customer_left";
                aiResumed: boolean;
                rating: {
                    requested: boolean;
                    /** @description Where to POST the customer's rating, below the API's origin */
                    path: string;
                };
            };
        };
        /** @description The assignee is typing (or stopped): show it to the customer if the channel can. Best effort: sent at once, never retried nor logged; at most one `typing: true` per handover every 3 s while the agent types. Hide it at `expiresAt` unless another one comes, or on `typing: false` or the agent's message. */
        WebhookEvent_handover_typing: {
            /** @description Stable across retries: drop a delivery whose id you have already handled */
            id: string;
            /** @constant */
            type: "handover.typing";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            workspaceId: string;
            data: {
                handoverId: string;
                conversationId: string;
                agent: {
                    id: string;
                    name: string;
                };
                typing: boolean;
                /**
                 * Format: date-time
                 * @description ISO 8601 time
                 */
                at: string;
                /**
                 * Format: date-time
                 * @description Until when to show it unless told again; equals `at` when typing is false
                 */
                expiresAt: string;
            };
        };
        /** @description A person has the conversation: the AI must stay silent */
        WebhookEvent_conversation_ai_paused: {
            /** @description Stable across retries: drop a delivery whose id you have already handled */
            id: string;
            /** @constant */
            type: "conversation.ai_paused";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            workspaceId: string;
            data: {
                handoverId: string;
                conversationId: string;
            };
        };
        /** @description The conversation is the AI’s again */
        WebhookEvent_conversation_ai_resumed: {
            /** @description Stable across retries: drop a delivery whose id you have already handled */
            id: string;
            /** @constant */
            type: "conversation.ai_resumed";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            workspaceId: string;
            data: {
                handoverId: string;
                conversationId: string;
            };
        };
        HandoverResponse: {
            handover: components["schemas"]["Handover"];
        };
        Handover: {
            /** @description Also names the workflow: workflowId = "handover-" + id */
            id: string;
            conversationId: string;
            /** @enum {string} */
            status: "pending" | "in_progress" | "completed" | "missed";
            /** @enum {string} */
            trigger: "user_request" | "ai_escalation" | "keyword" | "sentiment" | "other";
            reason: string;
            customer: components["schemas"]["CustomerOutput"];
            assignee: {
                id: string;
                name: string;
            } | null;
            escalationLevel: number;
            /**
             * @description Who has been told of it so far, by the escalation levels reached: the handover members; also the supervisors and admins; or everyone in the workspace, any of whom may then see and take it
             * @enum {string}
             */
            audience: "members" | "supervisors" | "everyone";
            /** @description 1-based while pending */
            queuePosition: number | null;
            estimatedWaitSeconds: number | null;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            requestedAt: string;
            claimedAt: string | null;
            firstResponseAt: string | null;
            endedAt: string | null;
            outcome: ("resolved" | "unresolved" | "returned_to_ai" | "closed" | "timed_out" | "customer_left") | null;
            aiResumed: boolean | null;
            rating: {
                score: number;
                comment?: string;
            } | null;
        };
        /** @description Every non-2xx answer has this body */
        ErrorResponse: {
            error: {
                /** @enum {string} */
                code: "invalid_json" | "invalid_request" | "unauthenticated" | "forbidden" | "not_a_handover_member" | "two_factor_enrolment_required" | "not_found" | "method_not_allowed" | "already_claimed" | "handover_ended" | "handover_disabled" | "not_assignee" | "at_capacity" | "ai_paused" | "already_rated" | "not_ended" | "conflict" | "invalid_link" | "payload_too_large" | "quota_exceeded" | "unsupported_media_type" | "validation_failed" | "rate_limited" | "internal_error" | "unavailable";
                message: string;
                details: {
                    [key: string]: unknown;
                };
            };
        };
        ListHandoversResponse: {
            handovers: components["schemas"]["HandoverListItem"][];
            nextCursor: string | null;
        };
        HandoverListItem: {
            /** @description Also names the workflow: workflowId = "handover-" + id */
            id: string;
            conversationId: string;
            /** @enum {string} */
            status: "pending" | "in_progress" | "completed" | "missed";
            /** @enum {string} */
            trigger: "user_request" | "ai_escalation" | "keyword" | "sentiment" | "other";
            reason: string;
            customer: components["schemas"]["CustomerOutput"];
            assignee: {
                id: string;
                name: string;
            } | null;
            escalationLevel: number;
            /**
             * @description Who has been told of it so far, by the escalation levels reached: the handover members; also the supervisors and admins; or everyone in the workspace, any of whom may then see and take it
             * @enum {string}
             */
            audience: "members" | "supervisors" | "everyone";
            /** @description 1-based while pending */
            queuePosition: number | null;
            estimatedWaitSeconds: number | null;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            requestedAt: string;
            claimedAt: string | null;
            firstResponseAt: string | null;
            endedAt: string | null;
            outcome: ("resolved" | "unresolved" | "returned_to_ai" | "closed" | "timed_out" | "customer_left") | null;
            aiResumed: boolean | null;
            rating: {
                score: number;
                comment?: string;
            } | null;
            /** @description The conversation's latest message */
            lastMessage: {
                /** @enum {string} */
                sender: "customer" | "ai" | "agent" | "system";
                /** @description The first 200 characters */
                body: string;
                /**
                 * Format: date-time
                 * @description ISO 8601 time
                 */
                at: string;
            } | null;
            /** @description For the assignee while in progress: the customer's messages they have not read yet (see POST /handovers/{id}/read); null otherwise */
            unreadCount: number | null;
            /** @description With q: where the search matched this handover */
            match?: components["schemas"]["SearchMatch"];
            /** @description While in progress: when the customer's oldest message still without an agent's reply was sent; null when nothing awaits a reply */
            customerWaitingSince: string | null;
        };
        SearchMatch: {
            /** @enum {string} */
            field: "message" | "reason" | "customer" | "conversationId";
            /** @description Plain text (never HTML): a short excerpt around the match, or the whole field */
            snippet: string;
            /** @description The matched parts of the snippet, in UTF-16 code units (JavaScript string indexes) */
            highlights: {
                start: number;
                length: number;
            }[];
        };
        CustomerMessageResponse: {
            messageId: string;
            /**
             * @description When "human", the AI must not answer this message
             * @enum {string}
             */
            routedTo: "human" | "ai";
            handoverId: string | null;
        };
        ListMessagesResponse: {
            messages: components["schemas"]["MessageOutput"][];
        };
        ConversationResponse: {
            conversationId: string;
            aiPaused: boolean;
            activeHandover: components["schemas"]["Handover"] | null;
        };
        AiReplyResponse: {
            messageId: string;
            seq: number;
        };
        /** @description `{ member }` with the session cookie set; or, for a member with two-factor on, `{ twoFactorRequired: true }` and no session yet */
        LoginResponse: components["schemas"]["MemberResponse"] | components["schemas"]["TwoFactorRequiredResponse"];
        MemberResponse: {
            member: components["schemas"]["Member"];
        };
        Member: {
            id: string;
            workspaceId: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "supervisor" | "agent";
            active: boolean;
            /** @description Selected in the Human Handover settings */
            isHandoverMember: boolean;
        };
        /** @description The password was right and the member signs in with a second factor: no session yet. A short-lived, single-use cookie now names this sign-in; send a code to POST /auth/login/two-factor with it. */
        TwoFactorRequiredResponse: {
            /** @constant */
            twoFactorRequired: true;
            /**
             * Format: date-time
             * @description Until when POST /auth/login/two-factor takes a code for this sign-in
             */
            expiresAt: string;
        };
        MeResponse: {
            member: components["schemas"]["Member"];
            /** @description The workspace requires two-factor and this member has none: every other call answers 403 two_factor_enrolment_required until they enrol */
            twoFactorEnrolmentRequired: boolean;
        };
        SessionsResponse: {
            sessions: components["schemas"]["Session"][];
        };
        /** @description A signed-in browser of the member's; never its token */
        Session: {
            id: string;
            /**
             * Format: date-time
             * @description When the member signed in
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the session was last used, to the minute
             */
            lastSeenAt: string;
            /**
             * Format: date-time
             * @description When it ends whatever happens (7 days after sign-in); unused for the idle timeout, it ends sooner
             */
            expiresAt: string;
            /** @description The browser's User-Agent at sign-in, cut to 200 characters */
            userAgent: string | null;
            /** @description The address it was last used from, as the API sees it (behind trusted proxies, the client) */
            clientAddress: string | null;
            /** @description The session of this request */
            current: boolean;
        };
        RevokeOtherSessionsResponse: {
            sessions: components["schemas"]["Session"][];
            /** @description How many sessions ended */
            revoked: number;
        };
        TwoFactorStatusResponse: {
            twoFactor: components["schemas"]["TwoFactorStatus"];
        };
        TwoFactorStatus: {
            /** @description Signing in asks for a code of the authenticator app */
            enabled: boolean;
            enabledAt: string | null;
            /** @description Recovery codes not used yet */
            recoveryCodesLeft: number;
            /** @description An admin requires two-factor of every member: without it, a member may only enrol */
            requiredByWorkspace: boolean;
        };
        StartTwoFactorResponse: {
            /** @description The TOTP secret (base32), to type into the app by hand; shown until enrolment is confirmed, never after */
            secret: string;
            /** @description The otpauth:// URI of the secret, for a QR code */
            uri: string;
        };
        ConfirmTwoFactorResponse: {
            twoFactor: components["schemas"]["TwoFactorStatus"];
            /** @description One-time codes for when the app is lost: shown this once, stored hashed */
            recoveryCodes: string[];
        };
        SecuritySettingsResponse: {
            security: components["schemas"]["SecuritySettings"];
        };
        HandoverDetailResponse: {
            handover: components["schemas"]["Handover"];
            messages: components["schemas"]["MessageOutput"][];
            notes: components["schemas"]["InternalNote"][];
            summary: components["schemas"]["SessionSummary"];
        };
        InternalNote: {
            id: string;
            handoverId: string;
            author: {
                id: string;
                name: string;
            };
            body: string;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
        };
        SessionSummary: {
            customer: components["schemas"]["CustomerOutput"];
            /** @enum {string} */
            trigger: "user_request" | "ai_escalation" | "keyword" | "sentiment" | "other";
            reason: string;
            /** @description What the customer asked the AI before the handover */
            askedAi: string[];
            waitingSeconds: number | null;
            inProgressSeconds: number | null;
            messageCounts: {
                customer: number;
                ai: number;
                agent: number;
                system: number;
            };
            escalationLevel: number;
            outcome: ("resolved" | "unresolved" | "returned_to_ai" | "closed" | "timed_out" | "customer_left") | null;
            /** @description The note the member typed into End Handover */
            endNote: string | null;
            rating: {
                score: number;
                comment?: string;
            } | null;
        };
        HandoverEventsResponse: {
            events: components["schemas"]["HandoverEvent"][];
        };
        HandoverEvent: {
            id: string;
            /** @enum {string} */
            type: "requested" | "notified" | "escalated" | "claimed" | "transferred" | "requeued" | "reminded" | "ended" | "rated" | "notification_sent" | "notification_failed";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            at: string;
            actor: {
                id: string | null;
                name: string;
            } | null;
            data: {
                [key: string]: unknown;
            };
        };
        MarkReadResponse: {
            readSeq: number;
        };
        AcceptedMessageResponse: {
            messageId: string;
        };
        NoteResponse: {
            note: components["schemas"]["InternalNote"];
        };
        TransferCandidatesResponse: {
            /** @description The handover's limit of handovers in progress per member; null when there is none */
            maxConcurrentPerAgent: number | null;
            /** @description Active members who handle handovers, by name */
            candidates: components["schemas"]["TransferCandidate"][];
        };
        TransferCandidate: {
            id: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "supervisor" | "agent";
            /** @description Handovers in progress assigned to them now */
            activeHandovers: number;
            /** @description They hold as many handovers as the limit allows: a transfer to them is refused (at_capacity) */
            atCapacity: boolean;
            /** @description They have this handover now */
            isAssignee: boolean;
        };
        AttachmentResponse: {
            attachment: components["schemas"]["AttachmentOutput"];
        };
        CustomerContextResponse: {
            /** @description The attributes the AI service sent with the handover request, as it sent them */
            metadata: {
                [key: string]: unknown;
            };
            /** @description The customer's handovers requested before this one, newest first: of the same conversation, or with the same customer email (case-insensitive). For a member not on the handover team, only those they may open */
            earlierHandovers: components["schemas"]["EarlierHandover"][];
            /** @description How many there are in all; the list holds at most `limit` */
            earlierTotal: number;
        };
        EarlierHandover: {
            /** @description Also names the workflow: workflowId = "handover-" + id */
            id: string;
            conversationId: string;
            /** @enum {string} */
            status: "pending" | "in_progress" | "completed" | "missed";
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            requestedAt: string;
            endedAt: string | null;
            outcome: ("resolved" | "unresolved" | "returned_to_ai" | "closed" | "timed_out" | "customer_left") | null;
            rating: {
                score: number;
                comment?: string;
            } | null;
            assignee: {
                id: string;
                name: string;
            } | null;
            /** @description The note the member typed into End Handover */
            endNote: string | null;
        };
        HandoverWorkflowResponse: {
            /** @description The handover as Handover's database records it */
            handover: {
                id: string;
                /** @enum {string} */
                status: "pending" | "in_progress" | "completed" | "missed";
                endedAt: string | null;
            };
            /** @description Null when Temporal no longer keeps the workflow (retention) or never started it */
            workflow: components["schemas"]["HandoverWorkflow"] | null;
            /** @description Why `workflow` is null, in words */
            message: string | null;
            /** @description For operators: this workflow in the Temporal Web UI (TEMPORAL_UI_URL). The UI has no login and shows every workspace, so it is reachable only where operators set it up */
            temporalUiUrl: string | null;
        };
        HandoverWorkflow: {
            workflowId: string;
            runId: string;
            firstRunId: string | null;
            /** @enum {string} */
            status: "running" | "completed" | "failed" | "canceled" | "terminated" | "continued_as_new" | "timed_out" | "paused" | "unknown";
            /** @description When the current run started */
            startedAt: string | null;
            closedAt: string | null;
            /** @description How many times the workflow continued as new; null when unknown */
            continuedAsNew: number | null;
            /** @description Events in the current run */
            historyLength: number;
            taskQueue: string;
            state: components["schemas"]["WorkflowLiveState"] | null;
            /** @description Why the live state could not be read (no worker answered, ...) */
            stateProblem: string | null;
            pendingActivities: components["schemas"]["PendingActivity"][];
            /** @description The workflow's own next step, waiting for a worker; an attempt above 1 means workers fail to run it */
            pendingWorkflowTask: {
                attempt: number;
                scheduledAt: string | null;
            } | null;
            timers: components["schemas"]["PendingTimer"][];
            history: components["schemas"]["WorkflowHistorySummary"];
        };
        WorkflowLiveState: {
            /** @enum {string} */
            status: "pending" | "in_progress" | "completed" | "missed";
            assignee: {
                id: string;
                name: string;
            } | null;
            escalationLevel: number;
            /**
             * Format: date-time
             * @description When the current wait for a take-over began (the request, or the last requeue)
             */
            pendingSince: string;
            claimedAt: string | null;
            /** @default null */
            firstResponseAt: string | null;
            endedAt: string | null;
            outcome: ("resolved" | "unresolved" | "returned_to_ai" | "closed" | "timed_out" | "customer_left") | null;
            /** @default null */
            aiResumed: boolean | null;
            messagesRelayed: number;
            /**
             * @description Since when the customer has waited for the assignee's answer
             * @default null
             */
            awaitingReplySince: string | null;
            /**
             * @description When the silent assignee was reminded, for the current wait
             * @default null
             */
            remindedAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            lastCustomerMessageAt: string;
            requeues: number;
            transfers: number;
            /** @description Runs of the workflow so far: 1, plus one per continue-as-new */
            runs: number;
        };
        PendingActivity: {
            /** @description The activity type, e.g. recordClaim */
            name: string;
            /** @enum {string} */
            state: "scheduled" | "running" | "cancel_requested" | "paused";
            attempt: number;
            /** @description Null: retried until it succeeds */
            maximumAttempts: number | null;
            /** @description The last attempt's failure message, cut at 200 characters */
            lastFailure: string | null;
            lastAttemptAt: string | null;
            nextAttemptAt: string | null;
        };
        PendingTimer: {
            /**
             * @description What the workflow does when it fires, read from its live state: the next escalation level, the fallback, a check for a silent assignee or customer
             * @enum {string}
             */
            kind: "escalation" | "fallback" | "silence_check" | "other";
            /** @description The level an escalation timer reaches */
            escalationLevel: number | null;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            startedAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            firesAt: string;
        };
        WorkflowHistorySummary: {
            /** @description Oldest first, newest last; at most 60 */
            entries: components["schemas"]["WorkflowHistoryEntry"][];
            /** @description Older lines left out to keep the list short */
            omittedEntries: number;
            eventsRead: number;
            /** @description True when only the newest events of the run were read */
            partial: boolean;
            /** @description What the summary covers, when it is not the whole workflow (continue-as-new, a long run) */
            note: string | null;
        };
        WorkflowHistoryEntry: {
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            at: string;
            /**
             * Format: date-time
             * @description The time of the last event of the group (equal to `at` when count is 1)
             */
            lastAt: string;
            /** @enum {string} */
            kind: "workflow_started" | "workflow_continued" | "signal" | "update_accepted" | "update_completed" | "update_failed" | "activity_completed" | "activity_failed" | "activity_timed_out" | "activity_canceled" | "local_activity_completed" | "local_activity_failed" | "timer_fired" | "workflow_task_failed" | "workflow_task_timed_out" | "cancel_requested" | "workflow_completed" | "workflow_failed" | "workflow_timed_out" | "workflow_terminated" | "workflow_canceled" | "workflow_continued_as_new";
            /** @description The signal, update or activity name */
            name: string | null;
            attempt: number | null;
            /** @description The failure message, cut at 200 characters */
            failure: string | null;
            /** @description Consecutive events of this kind, name and attempt, condensed into this line */
            count: number;
            /** @description In Temporal's words, e.g. "activity recordClaim completed (attempt 2)" */
            summary: string;
        };
        /** @description Accepted; typing is shown for a moment, never stored */
        TypingResponse: {
            handoverId: string;
            /** @description Until when the indicator shows unless reported again; null when typing is false */
            expiresAt: string | null;
        };
        HandoverSettingsResponse: {
            settings: components["schemas"]["HandoverSettingsOutput"];
        };
        WorkspaceSettingsResponse: {
            workspace: components["schemas"]["WorkspaceSettings"];
        };
        WorkspaceSettings: {
            name: string;
            /**
             * @description IANA name; analytics count local days in it unless a request names another (`tz`)
             * @example Europe/Paris
             */
            timeZone: string;
        };
        MembersResponse: {
            members: components["schemas"]["Member"][];
        };
        CreateMemberResponse: components["schemas"]["MemberResponse"] | components["schemas"]["InvitationResponse"];
        InvitationResponse: {
            invitation: components["schemas"]["Invitation"];
        };
        Invitation: {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "supervisor" | "agent";
            /**
             * @description pending: the link works; expired: it no longer does (resend it); accepted and revoked: done
             * @enum {string}
             */
            status: "pending" | "expired" | "accepted" | "revoked";
            /** @description The admin who invited; null once they are removed */
            invitedBy: {
                id: string;
                name: string;
            } | null;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the latest email was sent (the invitation, or a resend)
             */
            sentAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            expiresAt: string;
        };
        ListApiKeysResponse: {
            apiKeys: components["schemas"]["ApiKey"][];
        };
        ApiKey: {
            id: string;
            name: string;
            /** @description The first characters of the key, to tell keys apart */
            prefix: string;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            lastUsedAt: string | null;
            revokedAt: string | null;
        };
        CreateApiKeyResponse: {
            apiKey: components["schemas"]["ApiKey"];
            /** @description The secret: shown this once, only its hash is stored */
            key: string;
        };
        ApiKeyResponse: {
            apiKey: components["schemas"]["ApiKey"];
        };
        ListInvitationsResponse: {
            /** @description Invitations not yet accepted nor revoked, newest first */
            invitations: components["schemas"]["Invitation"][];
        };
        InvitationPreviewResponse: {
            invitation: components["schemas"]["InvitationPreview"];
        };
        InvitationPreview: {
            email: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "supervisor" | "agent";
            workspaceName: string;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            expiresAt: string;
        };
        OkResponse: {
            /** @constant */
            ok: true;
        };
        ListCannedRepliesResponse: {
            replies: components["schemas"]["CannedReply"][];
        };
        CannedReply: {
            id: string;
            title: string;
            text: string;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            updatedAt: string;
        };
        CannedReplyResponse: {
            reply: components["schemas"]["CannedReply"];
        };
        WebhookEndpointResponse: {
            webhook: components["schemas"]["WebhookEndpoint"] | null;
        };
        /** @description The secret is never shown again */
        WebhookEndpoint: {
            url: string;
            /** @description Until when secrets replaced by a rotation also sign deliveries (each for 24 hours after it was replaced; this is the last of them); null when only the current one does */
            previousSecretExpiresAt: string | null;
            disabledAt: string | null;
            disabledReason: string | null;
        };
        WebhookSettingsResponse: {
            url: string;
            /** @description Only when generated: shown once */
            secret?: string;
        };
        WebhookSecretRotation: {
            /** @description The new signing secret: shown once */
            secret: string;
            /** @description Until when the secret just replaced also signs deliveries (secrets replaced before it keep their own 24 hours) */
            previousSecretExpiresAt: string;
        };
        ListDeliveriesResponse: {
            deliveries: components["schemas"]["WebhookDelivery"][];
        };
        WebhookDelivery: {
            /** @description The event id, the same across attempts */
            id: string;
            type: string;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed" | "skipped";
            attempts: number;
            lastStatusCode: number | null;
            lastError: string | null;
            nextAttemptAt: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
            deliveredAt: string | null;
        };
        DeliveryResponse: {
            delivery: components["schemas"]["WebhookDelivery"];
        };
        MyNotificationsResponse: {
            notifications: components["schemas"]["MyNotifications"];
        };
        /** @description How handover notifications reach this member away from the console */
        MyNotifications: {
            /** @description Email notifications, to the address the member signs in with; off until turned on */
            email: boolean;
            emailAddress: string;
            webPush: {
                /** @description The installation's VAPID public key: the applicationServerKey to subscribe with */
                publicKey: string;
                subscriptions: components["schemas"]["PushSubscription"][];
            };
            slack: {
                /** @description Whether the workspace's Slack channel is told too (an admin sets it up) */
                configured: boolean;
            };
        };
        /** @description A browser in which the member turned Web Push on */
        PushSubscription: {
            id: string;
            /** @description The browser's push service address; the console finds this browser's subscription by it */
            endpoint: string;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
        };
        PushSubscriptionResponse: {
            subscription: components["schemas"]["PushSubscription"];
        };
        SlackSettingsResponse: {
            slack: components["schemas"]["SlackSettings"];
        };
        SlackSettings: {
            configured: boolean;
            /** @description The address with its secret part hidden, to recognise it by; the whole URL is never shown again */
            urlHint: string | null;
        };
        HandoverAnalytics: {
            from: string;
            to: string;
            /** @description The zone the period and the day buckets are counted in */
            timeZone: string;
            filters: {
                /**
                 * @description Only handovers of this trigger
                 * @enum {string}
                 */
                trigger?: "user_request" | "ai_escalation" | "keyword" | "sentiment" | "other";
                /** @description Only handovers assigned to this member (now, or when they ended): one transferred away counts for its new assignee */
                memberId?: string;
                /**
                 * @description Only handovers that ended this way (abandoned: customer_left; timed out: timed_out)
                 * @enum {string}
                 */
                outcome?: "resolved" | "unresolved" | "returned_to_ai" | "closed" | "timed_out" | "customer_left";
            };
            totals: {
                total: number;
                /** @description Now, whatever the period */
                pending: number;
                /** @description Now, whatever the period */
                inProgress: number;
                completed: number;
                missed: number;
                /** @description Missed because the customer left while waiting */
                abandoned: number;
                /** @description Missed because no one took it before the last escalation timed out */
                timedOut: number;
                /** @description Handovers that went back to the queue at least once (the assignee stayed silent) */
                requeued: number;
                /** @description Times handovers went back to the queue */
                requeues: number;
            };
            waitTime: components["schemas"]["AnalyticsTimes"];
            firstResponseTime: components["schemas"]["AnalyticsTimes"];
            resolutionTime: components["schemas"]["AnalyticsTimes"];
            escalationRate: number | null;
            csat: {
                mean: number | null;
                count: number;
                satisfiedShare: number | null;
            };
            /** @description Handovers / conversations that began in the period (until 2026-12: with any message in it) */
            handoverRate: number | null;
            reasons: {
                byTrigger: {
                    /** @enum {string} */
                    trigger: "user_request" | "ai_escalation" | "keyword" | "sentiment" | "other";
                    count: number;
                }[];
                topReasons: {
                    reason: string;
                    count: number;
                }[];
            };
            agents: {
                member: {
                    id: string;
                    name: string;
                };
                handled: number;
                completed: number;
                inProgressNow: number;
                firstResponse: {
                    p50: number | null;
                    mean: number | null;
                };
                resolution: {
                    p50: number | null;
                    mean: number | null;
                };
                rating: {
                    mean: number | null;
                    count: number;
                };
                transfersOut: number;
            }[];
            series: {
                start: string;
                total: number;
                completed: number;
                missed: number;
                abandoned: number;
                timedOut: number;
            }[];
        };
        AnalyticsTimes: {
            p50: number | null;
            p90: number | null;
            mean: number | null;
            count: number;
        };
        CustomerOutput: {
            id?: string;
            name?: string;
            email?: string;
        };
        MessageOutput: {
            id: string;
            conversationId: string;
            handoverId: string | null;
            /** @description Strictly increasing per conversation */
            seq: number;
            /** @enum {string} */
            sender: "customer" | "ai" | "agent" | "system";
            author: {
                id: string;
                name: string;
            } | null;
            /** @description Empty when the message is only its attachments */
            body: string;
            /** @description Files sent with the message, in the order given */
            attachments: components["schemas"]["AttachmentOutput"][];
            clientMessageId: string | null;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            createdAt: string;
        };
        /** @description A file sent with a message */
        AttachmentOutput: {
            id: string;
            /** @description The file name as uploaded, without any path */
            name: string;
            /** @description The type the file was uploaded as, checked against its bytes */
            contentType: string;
            /** @description In bytes */
            size: number;
            /** @description Where to GET the file, below the API's origin: with the workspace's API key, or a session of a member who may see the handover */
            path: string;
        };
        HandoverSettingsOutput: {
            /** @description Enable Human Handover (Chat) */
            enabled: boolean;
            /** @description Who gets notified and may see and claim */
            memberIds: string[];
            returnToAi: boolean;
            maxConcurrentPerAgent: number | null;
            /** @description No agent reply this long after a claim or a customer message: remind, then requeue */
            assigneeResponseSeconds: number | null;
            /**
             * @description End the handover (outcome customer_left) after the customer is silent this long; null never
             * @default null
             */
            customerSilenceSeconds: number | null;
            escalation: {
                levels: {
                    afterSeconds: number;
                    /** @enum {string} */
                    notify: "members" | "supervisors" | "everyone";
                    customerMessage?: string;
                }[];
                fallback: {
                    afterSeconds: number;
                    /** @enum {string} */
                    action: "return_to_ai" | "close";
                    customerMessage: string;
                };
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
