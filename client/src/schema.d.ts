export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: D1 and KV answer */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List API keys (platform admin) */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key (platform admin) */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an API key (platform admin) */
        get: operations["getApiKey"];
        put?: never;
        post?: never;
        /**
         * Revoke an API key (platform admin)
         * @description Takes effect at once in this location and within 30 s everywhere; tokens it issued die with it.
         */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a short-lived, hotel-scoped JWT for a browser booking widget
         * @description Needs an API key. The token carries at most the key’s scopes, hotels and allowed origins; without `scopes` it gets the key’s (never `admin` unless named). A token the admin key minted dies when `ADMIN_API_KEY` is rotated.
         */
        post: operations["issueWidgetToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log
         * @description Every state change (written in the same database transaction as the change, with a field-level diff whose secrets and guest data read `"[redacted]"`), every refused (4xx) or failed (5xx) state-changing call, and every integration exchange: who (`actor`: API key id, `token:<sub>`, `oauth:<grant>`, `admin`, a channel id, `square`, `system`), what (`action`, `entity`), when, from which address, in which request (`request_id` = the `X-Request-Id` of the answer), with what `outcome` and `status`. Newest first. A credential restricted to some hotels sees only their rows; rows of no hotel (platform changes, calls refused before a hotel was known) only an all-hotels credential. Rows are kept `AUDIT_RETENTION_DAYS` (default 365).
         */
        get: operations["listAuditLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List dead-lettered jobs (platform admin)
         * @description Newest first. Filters combine with AND.
         */
        get: operations["listDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dead-letters/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a dead-lettered job again (platform admin)
         * @description Queues the job again as a new message with a fresh attempt count, and marks the dead letter replayed. A dead letter is replayed at most once: a second replay is 409 `invalid_state` and sends nothing. A message that is not a job, a job type this deployment does not know, or a payload the job no longer accepts is 422 `not_supported`. 503 when the queue did not take the job (the dead letter stays unreplayed).
         */
        post: operations["replayDeadLetter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dead-letters/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send many dead-lettered jobs again (platform admin)
         * @description Either `ids` (at most 100) or `filter` (the unreplayed dead letters it matches, oldest first, at most `limit`, default and maximum 100; call again for more). Each one is replayed as by the single replay; one that is already replayed, unknown or not replayable is reported with `replayed: false` and its reason, never sent twice.
         */
        post: operations["replayDeadLetters"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth/clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List OAuth apps (platform admin) */
        get: operations["listOAuthClients"];
        put?: never;
        /** Register an OAuth app (platform admin) */
        post: operations["createOAuthClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth/clients/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an OAuth app (platform admin) */
        get: operations["getOAuthClient"];
        put?: never;
        post?: never;
        /** Delete an OAuth app and revoke all its grants (platform admin) */
        delete: operations["deleteOAuthClient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The apps a hotel has authorised */
        get: operations["listOAuthGrants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth/grants/{id}": {
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
         * Revoke an app’s authorisation, tokens included
         * @description Takes effect at once: every access and refresh token of the grant is refused from the next request. A credential that reaches only some of the grant’s hotels removes those hotels from it; the grant is revoked when none is left.
         */
        delete: operations["revokeOAuthGrant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OAuth 2.0 authorization endpoint: the sign-in and consent page
         * @description RFC 6749 §4.1.1 with PKCE (RFC 7636, S256 only). An unknown `client_id` or a `redirect_uri` that is not registered exactly is shown as an error page (400), never redirected to; other errors redirect back with `error`, `state` and `iss`. The hotel user signs in with an API key holding `admin` (or an identity-provider token), chooses hotels and allows or denies.
         */
        get: operations["getAuthorizationPage"];
        put?: never;
        /**
         * Sign-in and consent form submissions
         * @description Form-encoded, from the page itself (CSRF cookie + field). `step=sign_in` takes `api_key` or `id_token` and shows the consent page; `step=consent` takes the signed ticket, `hotel_id` (repeated) and `action=allow|deny`, then redirects (303) to the registered redirect URI with `code`, `state` and `iss`, or `error=access_denied`.
         */
        post: operations["submitAuthorizationForm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OAuth 2.0 token endpoint (authorization_code with PKCE, refresh_token)
         * @description RFC 6749 §3.2, form-encoded: `grant_type=authorization_code` with `code`, `redirect_uri`, `code_verifier`; or `grant_type=refresh_token` with `refresh_token` and optionally a narrower `scope`. Confidential clients authenticate with HTTP Basic (`client_secret_basic`) or `client_id`+`client_secret` in the body (`client_secret_post`); public clients send `client_id`. Refresh tokens rotate on every use; presenting a used one (or a used code) revokes the grant. Errors are RFC 6749 §5.2 JSON (`invalid_request`, `invalid_client` (401), `invalid_grant`, `unauthorized_client`, `unsupported_grant_type`, `invalid_scope`), never cached.
         */
        post: operations["issueOAuthToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/oauth-authorization-server": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OAuth 2.0 authorization server metadata (RFC 8414) */
        get: operations["getOAuthServerMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the hotels this credential may access */
        get: operations["listHotels"];
        put?: never;
        /**
         * Create a hotel
         * @description Needs a credential that is not restricted to particular hotels (`hotel_ids: null`).
         */
        post: operations["createHotel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a hotel */
        get: operations["getHotel"];
        put?: never;
        post?: never;
        /**
         * Deactivate a hotel
         * @description Sets `status` to `inactive`; the record stays. Booking widgets no longer see the hotel. Idempotent.
         */
        delete: operations["deactivateHotel"];
        options?: never;
        head?: never;
        /**
         * Update a hotel
         * @description Partial update. `address`, `contact` and `policies` merge key by key (null removes a key); arrays are replaced. The currency cannot change once the hotel has rate plans (409).
         */
        patch: operations["updateHotel"];
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/room-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a hotel’s room types */
        get: operations["listRoomTypes"];
        put?: never;
        /**
         * Create a room type
         * @description `code` is unique per hotel (409). `max_occupancy` defaults to max_adults + max_children and must lie between max_adults and that sum; `base_occupancy` defaults to min(2, max_adults).
         */
        post: operations["createRoomType"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/room-types/{room_type_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a room type */
        get: operations["getRoomType"];
        put?: never;
        post?: never;
        /**
         * Deactivate a room type
         * @description Sets `status` to `inactive`; booking widgets and searches no longer offer it. Idempotent.
         */
        delete: operations["deactivateRoomType"];
        options?: never;
        head?: never;
        /**
         * Update a room type
         * @description Partial update; the resulting occupancy is checked as a whole.
         */
        patch: operations["updateRoomType"];
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/rate-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a hotel’s rate plans */
        get: operations["listRatePlans"];
        put?: never;
        /**
         * Create a rate plan
         * @description `code` is unique per hotel (409). Every `room_type_ids` entry must be a room type of this hotel (404). Prices are in the hotel’s currency; `currency`, if sent, must equal it.
         */
        post: operations["createRatePlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/rate-plans/{rate_plan_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a rate plan */
        get: operations["getRatePlan"];
        put?: never;
        post?: never;
        /**
         * Deactivate a rate plan
         * @description Sets `status` to `inactive`; booking widgets and searches no longer offer it. Idempotent.
         */
        delete: operations["deactivateRatePlan"];
        options?: never;
        head?: never;
        /**
         * Update a rate plan
         * @description Partial update; `room_type_ids` and `cancellation_policy` are replaced whole.
         */
        patch: operations["updateRatePlan"];
        trace?: never;
    };
    "/api/v1/booking-engine/hotels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the active hotels this credential may access */
        get: operations["listBookableHotels"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/hotels/{hotel_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an active hotel with its bookable room types and rate plans
         * @description Rate plans list only their active room types; a plan left with none is omitted. A deactivated hotel is 404.
         */
        get: operations["getBookableHotel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/room-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the active room types of a hotel */
        get: operations["listBookableRoomTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/hotels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the active hotels this credential may access */
        get: operations["listBookableHotelsUnversioned"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/hotels/{hotel_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an active hotel with its bookable room types and rate plans
         * @description Rate plans list only their active room types; a plan left with none is omitted. A deactivated hotel is 404.
         */
        get: operations["getBookableHotelUnversioned"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/room-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the active room types of a hotel */
        get: operations["listBookableRoomTypesUnversioned"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/ari": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the ARI calendar
         * @description At most 731 days and 50,000 nights (days × (room types + room types in rate plans)) per read; a larger read is a 400 on `query.to`: narrow the range or pass `room_type_id`.
         */
        get: operations["getAriCalendar"];
        /**
         * Bulk-update availability, rates and restrictions
         * @description Date ranges are inclusive and may be limited to weekdays. `inventory` is units to sell per night for the room type; `amount` and the restrictions belong to a room type in a rate plan. Up to 50,000 room-nights per request, counted from the ranges, in as many updates as the 1 MB body holds (more is a 400 on `updates`); updates apply in order, atomically; emits one `ari.updated` event. Dates lie from 2000-01-01 to 1,096 days after today; a range spans at most 731 days.
         */
        put: operations["updateAri"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/resync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Push the full ARI of a date range to one channel
         * @description Queues, without the coalescing delay, OTA_HotelAvailNotifRQ and OTA_HotelRateAmountNotifRQ messages with the current availability, restrictions and prices of every mapped product from `from` to `to` (inclusive). Outcomes appear in the channel’s message log and health; a disabled channel is a 409.
         */
        post: operations["resyncChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Search availability and prices for a stay
         * @description Every room type that fits the party with units left on every night, and each rate plan that is open, priced and whose restrictions the stay meets (min/max stay and closed-to-arrival on the check-in night, closed-to-departure on the check-out date). Prices: the nightly amount covers the room type’s base occupancy in adults; each further adult adds the rate plan’s extra-adult amount, each child the extra-child amount. Results are cached in KV for BOOKING_ENGINE_CACHE_TTL seconds and never served stale after a change through this API (`X-Cache: HIT|MISS|BYPASS`; send `Cache-Control: no-cache` to bypass).
         */
        post: operations["searchAvailability"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Search availability and prices for a stay
         * @description Every room type that fits the party with units left on every night, and each rate plan that is open, priced and whose restrictions the stay meets (min/max stay and closed-to-arrival on the check-in night, closed-to-departure on the check-out date). Prices: the nightly amount covers the room type’s base occupancy in adults; each further adult adds the rate plan’s extra-adult amount, each child the extra-child amount. Results are cached in KV for BOOKING_ENGINE_CACHE_TTL seconds and never served stale after a change through this API (`X-Cache: HIT|MISS|BYPASS`; send `Cache-Control: no-cache` to bypass).
         */
        post: operations["searchAvailabilityUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Book one or more rooms
         * @description Re-checks price and restrictions against the database (never the cache) and takes one unit on every night atomically: 409 `sold_out` (with `night`) or `stay_restricted` when it does not fit. `status: "pending"` holds the rooms for `hold_minutes` until POST …/confirm. The guest details are kept on the reservation as sent; the stay is filed under the hotel’s guest profile for that email, created from them when there is none, and an existing profile is neither changed nor shown.
         */
        post: operations["createReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/reservations/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Find a reservation by confirmation number and guest email
         * @description For a guest coming back to a widget: the reservation whose confirmation number and guest email both match, else 404, the same whichever half is wrong. A POST so the email stays out of URLs and logs.
         */
        post: operations["findReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/reservations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a reservation
         * @description Hotel-side credentials (`reservations:read`) reach every reservation of their hotels; a booking widget (`reservations:write` alone) only those it booked (the same API key, or the same token for tokens from POST /api/v1/auth/token) or whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`. Any other reservation answers 404, as an unknown one does.
         */
        get: operations["getReservation"];
        /**
         * Modify dates, rooms, party, guest or requests
         * @description A changed stay is re-priced at current rates and its inventory moved atomically, or nothing changes (409). With `If-Match` (the ETag) a stale copy is refused with 412; without it the change applies. Guest details change this reservation only, never a guest profile; a new email files the stay under that email’s profile. A reservation a channel sold (`source` other than `direct`) changes only its guest details and requests here; its stay, rooms and party change through the channel (409). Hotel-side credentials (`reservations:read`) reach every reservation of their hotels; a booking widget (`reservations:write` alone) only those it booked (the same API key, or the same token for tokens from POST /api/v1/auth/token) or whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`. Any other reservation answers 404, as an unknown one does.
         */
        put: operations["modifyReservation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/reservations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a reservation
         * @description Releases the inventory and reports `cancellation_fee` from the booked rate plan’s policy (free until N hours before arrival at the hotel’s check-in time, then the penalty). Cancelling twice is harmless. Hotel-side credentials (`reservations:read`) reach every reservation of their hotels; a booking widget (`reservations:write` alone) only those it booked (the same API key, or the same token for tokens from POST /api/v1/auth/token) or whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`. Any other reservation answers 404, as an unknown one does.
         */
        post: operations["cancelReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/reservations/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a pending hold
         * @description Legal transitions only: pending → confirmed; confirmed → checked_in | no_show; checked_in → checked_out. Hotel-side credentials (`reservations:read`) reach every reservation of their hotels; a booking widget (`reservations:write` alone) only those it booked (the same API key, or the same token for tokens from POST /api/v1/auth/token) or whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`. Any other reservation answers 404, as an unknown one does.
         */
        post: operations["confirmReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/reservations/{id}/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the guest’s arrival
         * @description Legal transitions only: pending → confirmed; confirmed → checked_in | no_show; checked_in → checked_out. Hotel-side: needs `reservations:read` and `reservations:write`.
         */
        post: operations["checkInReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/reservations/{id}/check-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the guest’s departure
         * @description Legal transitions only: pending → confirmed; confirmed → checked_in | no_show; checked_in → checked_out. Hotel-side: needs `reservations:read` and `reservations:write`.
         */
        post: operations["checkOutReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/reservations/{id}/no-show": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a no-show (releases the inventory, charges the cancellation penalty)
         * @description Legal transitions only: pending → confirmed; confirmed → checked_in | no_show; checked_in → checked_out. Hotel-side: needs `reservations:read` and `reservations:write`.
         */
        post: operations["markReservationNoShow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Book one or more rooms
         * @description Re-checks price and restrictions against the database (never the cache) and takes one unit on every night atomically: 409 `sold_out` (with `night`) or `stay_restricted` when it does not fit. `status: "pending"` holds the rooms for `hold_minutes` until POST …/confirm. The guest details are kept on the reservation as sent; the stay is filed under the hotel’s guest profile for that email, created from them when there is none, and an existing profile is neither changed nor shown.
         */
        post: operations["createReservationUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/reservations/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Find a reservation by confirmation number and guest email
         * @description For a guest coming back to a widget: the reservation whose confirmation number and guest email both match, else 404, the same whichever half is wrong. A POST so the email stays out of URLs and logs.
         */
        post: operations["findReservationUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/reservations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a reservation
         * @description Hotel-side credentials (`reservations:read`) reach every reservation of their hotels; a booking widget (`reservations:write` alone) only those it booked (the same API key, or the same token for tokens from POST /api/v1/auth/token) or whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`. Any other reservation answers 404, as an unknown one does.
         */
        get: operations["getReservationUnversioned"];
        /**
         * Modify dates, rooms, party, guest or requests
         * @description A changed stay is re-priced at current rates and its inventory moved atomically, or nothing changes (409). With `If-Match` (the ETag) a stale copy is refused with 412; without it the change applies. Guest details change this reservation only, never a guest profile; a new email files the stay under that email’s profile. A reservation a channel sold (`source` other than `direct`) changes only its guest details and requests here; its stay, rooms and party change through the channel (409). Hotel-side credentials (`reservations:read`) reach every reservation of their hotels; a booking widget (`reservations:write` alone) only those it booked (the same API key, or the same token for tokens from POST /api/v1/auth/token) or whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`. Any other reservation answers 404, as an unknown one does.
         */
        put: operations["modifyReservationUnversioned"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/reservations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a reservation
         * @description Releases the inventory and reports `cancellation_fee` from the booked rate plan’s policy (free until N hours before arrival at the hotel’s check-in time, then the penalty). Cancelling twice is harmless. Hotel-side credentials (`reservations:read`) reach every reservation of their hotels; a booking widget (`reservations:write` alone) only those it booked (the same API key, or the same token for tokens from POST /api/v1/auth/token) or whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`. Any other reservation answers 404, as an unknown one does.
         */
        post: operations["cancelReservationUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/reservations/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a pending hold
         * @description Legal transitions only: pending → confirmed; confirmed → checked_in | no_show; checked_in → checked_out. Hotel-side credentials (`reservations:read`) reach every reservation of their hotels; a booking widget (`reservations:write` alone) only those it booked (the same API key, or the same token for tokens from POST /api/v1/auth/token) or whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`. Any other reservation answers 404, as an unknown one does.
         */
        post: operations["confirmReservationUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/reservations/{id}/check-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the guest’s arrival
         * @description Legal transitions only: pending → confirmed; confirmed → checked_in | no_show; checked_in → checked_out. Hotel-side: needs `reservations:read` and `reservations:write`.
         */
        post: operations["checkInReservationUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/reservations/{id}/check-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the guest’s departure
         * @description Legal transitions only: pending → confirmed; confirmed → checked_in | no_show; checked_in → checked_out. Hotel-side: needs `reservations:read` and `reservations:write`.
         */
        post: operations["checkOutReservationUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/reservations/{id}/no-show": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a no-show (releases the inventory, charges the cancellation penalty)
         * @description Legal transitions only: pending → confirmed; confirmed → checked_in | no_show; checked_in → checked_out. Hotel-side: needs `reservations:read` and `reservations:write`.
         */
        post: operations["markReservationNoShowUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a hotel’s reservations
         * @description Filters: status, stays overlapping from–to, created_from/created_to, q (guest name, email, confirmation number).
         */
        get: operations["listHotelReservations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/guests/{guest_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A guest profile with its stays
         * @description The hotel’s profile for one email, and the stays filed under it. Bookings link to a profile by email but never change it; each reservation keeps the guest details its booker gave.
         */
        get: operations["getGuest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Correct a guest profile
         * @description Hotel-side only. Changes the fields sent; the reservations filed under the profile keep their own guest details. An email another profile of the hotel already has is 409.
         */
        patch: operations["updateGuest"];
        trace?: never;
    };
    "/api/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the event log
         * @description Committed domain events in commit order, for backfill after downtime: pass the last id you have as `after` (or `next_cursor`); an event committed later never appears before one you have read. Events are kept for 30 days after they were handed to subscribers.
         */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/guests/{guest_id}/cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a guest’s cards on file
         * @description Newest first, disabled cards included (`status`).
         */
        get: operations["listGuestCards"];
        put?: never;
        /**
         * Store a card on file for a guest
         * @description Takes a card token from Square’s Web Payments SDK (and its 3-D Secure `verification_token`), creates the guest’s Square customer on first use (one per guest and Square account) and stores the card there with Square’s CreateCard. Only Square’s ids, brand, last 4 digits, expiry and fingerprint are kept; the token is never stored or logged. Pay with it: `source_id` = `square_card_id`, `customer_id` = `square_customer_id`. A card Square declines is 402 with Square’s code as the problem’s `code` (e.g. `GENERIC_DECLINE`, `CVV_FAILURE`, `CARD_DECLINED_VERIFICATION_REQUIRED`) and nothing is stored; a spent or invalid token is 400. The Square calls carry idempotency keys derived from the guest and from the Idempotency-Key, so a retry with the same key never stores a second card. Hotel-side: needs `payments:read` and `payments:write`.
         */
        post: operations["createGuestCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/guests/{guest_id}/cards/{card_id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Disable a card on file
         * @description Square’s DisableCard, then `status: "disabled"`: the card can no longer be charged. Disabling a disabled card is 200 and changes nothing. A card stored in another Square account than the one that takes the hotel’s payments now is 409 `invalid_state`. Hotel-side: needs `payments:read` and `payments:write`.
         */
        post: operations["disableGuestCard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the webhook endpoints this credential manages */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Deliveries follow Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). The signing secret is returned only here (and to a retry with the same `Idempotency-Key`). A credential limited to some hotels may name only those (default: all of them).
         */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook endpoint */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Delete a webhook endpoint and its delivery log */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /** Change a webhook endpoint */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret
         * @description Returns the new secret once; for 24 h deliveries carry a signature with each secret.
         */
        post: operations["rotateWebhookEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The delivery log of an endpoint, newest first, with every attempt */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a `ping` event to the endpoint */
        post: operations["pingWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send every event since a time to the endpoint again
         * @description Up to 500 events per call, in commit order; with `more`, call again with the same `since` and `after: next_after`.
         */
        post: operations["replayWebhookEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again, with a fresh retry schedule
         * @description For a dead or delivered delivery; one still being retried is a 409.
         */
        post: operations["retryWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a payment
         * @description Charges (or, with `autocomplete: false`, authorises) a payment source through Square for a reservation. An idempotency key is required (`Idempotency-Key` header or body `idempotency_key`): the same key and body return the same payment with `Idempotent-Replayed: true`; the same key with another body is 422 `idempotency_key_reused`; while the first request still talks to Square, 409 `idempotency_in_flight`. The key sent to Square is derived from the hotel and this key, so a retry never charges twice.
         *
         *     A booking widget (`payments:write` without `payments:read`/`reservations:read`) may pay only reservations it booked, or one whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`; any other is 404.
         *
         *     The amount must be in the reservation’s currency and at most its balance due less payments in progress (pending or authorised), unless `allow_overpayment`; after a cancellation only the cancellation fee is due.
         *
         *     Outcomes: **201** the payment — `completed`, `approved` (authorised; also when the hotel holds high-risk payments and Square rated it HIGH: `held_for_review`), or `pending` with a `provider_payment_id` (ACH: Square settles it later). **402** Square declined the source: `code` is Square’s (`GENERIC_DECLINE`, `CVV_FAILURE`, `INSUFFICIENT_FUNDS`, `CARD_DECLINED_VERIFICATION_REQUIRED` — run 3-D Secure (`verifyBuyer`) and retry with `verification_token` and a new key —, `CARD_TOKEN_USED`, …); nothing is paid. **502** `gateway_error`: Square refused the request for a reason that is not the buyer’s (nothing charged). **504** `gateway_timeout`: Square did not answer in time; the payment (`payment_id`) stays `pending` and is resolved by retrying the same request with the same key, or by the reconciliation job within minutes. **429** `payment_velocity_exceeded`: too many attempts for this reservation, guest email, card or client address (`limit` names which; `Retry-After`).
         */
        post: operations["createPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/process": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a payment (seed path)
         * @description Charges (or, with `autocomplete: false`, authorises) a payment source through Square for a reservation. An idempotency key is required (`Idempotency-Key` header or body `idempotency_key`): the same key and body return the same payment with `Idempotent-Replayed: true`; the same key with another body is 422 `idempotency_key_reused`; while the first request still talks to Square, 409 `idempotency_in_flight`. The key sent to Square is derived from the hotel and this key, so a retry never charges twice.
         *
         *     A booking widget (`payments:write` without `payments:read`/`reservations:read`) may pay only reservations it booked, or one whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`; any other is 404.
         *
         *     The amount must be in the reservation’s currency and at most its balance due less payments in progress (pending or authorised), unless `allow_overpayment`; after a cancellation only the cancellation fee is due.
         *
         *     Outcomes: **201** the payment — `completed`, `approved` (authorised; also when the hotel holds high-risk payments and Square rated it HIGH: `held_for_review`), or `pending` with a `provider_payment_id` (ACH: Square settles it later). **402** Square declined the source: `code` is Square’s (`GENERIC_DECLINE`, `CVV_FAILURE`, `INSUFFICIENT_FUNDS`, `CARD_DECLINED_VERIFICATION_REQUIRED` — run 3-D Secure (`verifyBuyer`) and retry with `verification_token` and a new key —, `CARD_TOKEN_USED`, …); nothing is paid. **502** `gateway_error`: Square refused the request for a reason that is not the buyer’s (nothing charged). **504** `gateway_timeout`: Square did not answer in time; the payment (`payment_id`) stays `pending` and is resolved by retrying the same request with the same key, or by the reconciliation job within minutes. **429** `payment_velocity_exceeded`: too many attempts for this reservation, guest email, card or client address (`limit` names which; `Retry-After`).
         */
        post: operations["processPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payment */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture an authorised payment
         * @description Only an `approved` payment (a deposit, or one held for review) can complete; asking again after it happened answers the payment as it is; any other state is 409 `invalid_state`. 504: Square did not answer, nothing changed here, retry. Hotel-side: needs `payments:read` and `payments:write` (a booking widget’s `payments:write` alone may not capture or void, e.g. a payment held for the hotel’s risk review).
         */
        post: operations["completePayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Void an authorised payment
         * @description Only an `approved` payment (a deposit, or one held for review) can cancel; asking again after it happened answers the payment as it is; any other state is 409 `invalid_state`. 504: Square did not answer, nothing changed here, retry. Hotel-side: needs `payments:read` and `payments:write` (a booking widget’s `payments:write` alone may not capture or void, e.g. a payment held for the hotel’s risk review).
         */
        post: operations["cancelPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a payment
         * @description Charges (or, with `autocomplete: false`, authorises) a payment source through Square for a reservation. An idempotency key is required (`Idempotency-Key` header or body `idempotency_key`): the same key and body return the same payment with `Idempotent-Replayed: true`; the same key with another body is 422 `idempotency_key_reused`; while the first request still talks to Square, 409 `idempotency_in_flight`. The key sent to Square is derived from the hotel and this key, so a retry never charges twice.
         *
         *     A booking widget (`payments:write` without `payments:read`/`reservations:read`) may pay only reservations it booked, or one whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`; any other is 404.
         *
         *     The amount must be in the reservation’s currency and at most its balance due less payments in progress (pending or authorised), unless `allow_overpayment`; after a cancellation only the cancellation fee is due.
         *
         *     Outcomes: **201** the payment — `completed`, `approved` (authorised; also when the hotel holds high-risk payments and Square rated it HIGH: `held_for_review`), or `pending` with a `provider_payment_id` (ACH: Square settles it later). **402** Square declined the source: `code` is Square’s (`GENERIC_DECLINE`, `CVV_FAILURE`, `INSUFFICIENT_FUNDS`, `CARD_DECLINED_VERIFICATION_REQUIRED` — run 3-D Secure (`verifyBuyer`) and retry with `verification_token` and a new key —, `CARD_TOKEN_USED`, …); nothing is paid. **502** `gateway_error`: Square refused the request for a reason that is not the buyer’s (nothing charged). **504** `gateway_timeout`: Square did not answer in time; the payment (`payment_id`) stays `pending` and is resolved by retrying the same request with the same key, or by the reconciliation job within minutes. **429** `payment_velocity_exceeded`: too many attempts for this reservation, guest email, card or client address (`limit` names which; `Retry-After`).
         */
        post: operations["createPaymentUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/process": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Take a payment (seed path)
         * @description Charges (or, with `autocomplete: false`, authorises) a payment source through Square for a reservation. An idempotency key is required (`Idempotency-Key` header or body `idempotency_key`): the same key and body return the same payment with `Idempotent-Replayed: true`; the same key with another body is 422 `idempotency_key_reused`; while the first request still talks to Square, 409 `idempotency_in_flight`. The key sent to Square is derived from the hotel and this key, so a retry never charges twice.
         *
         *     A booking widget (`payments:write` without `payments:read`/`reservations:read`) may pay only reservations it booked, or one whose guest it proves with `X-Confirmation-Number` and `X-Guest-Email`; any other is 404.
         *
         *     The amount must be in the reservation’s currency and at most its balance due less payments in progress (pending or authorised), unless `allow_overpayment`; after a cancellation only the cancellation fee is due.
         *
         *     Outcomes: **201** the payment — `completed`, `approved` (authorised; also when the hotel holds high-risk payments and Square rated it HIGH: `held_for_review`), or `pending` with a `provider_payment_id` (ACH: Square settles it later). **402** Square declined the source: `code` is Square’s (`GENERIC_DECLINE`, `CVV_FAILURE`, `INSUFFICIENT_FUNDS`, `CARD_DECLINED_VERIFICATION_REQUIRED` — run 3-D Secure (`verifyBuyer`) and retry with `verification_token` and a new key —, `CARD_TOKEN_USED`, …); nothing is paid. **502** `gateway_error`: Square refused the request for a reason that is not the buyer’s (nothing charged). **504** `gateway_timeout`: Square did not answer in time; the payment (`payment_id`) stays `pending` and is resolved by retrying the same request with the same key, or by the reconciliation job within minutes. **429** `payment_velocity_exceeded`: too many attempts for this reservation, guest email, card or client address (`limit` names which; `Retry-After`).
         */
        post: operations["processPaymentUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payment */
        get: operations["getPaymentUnversioned"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture an authorised payment
         * @description Only an `approved` payment (a deposit, or one held for review) can complete; asking again after it happened answers the payment as it is; any other state is 409 `invalid_state`. 504: Square did not answer, nothing changed here, retry. Hotel-side: needs `payments:read` and `payments:write` (a booking widget’s `payments:write` alone may not capture or void, e.g. a payment held for the hotel’s risk review).
         */
        post: operations["completePaymentUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Void an authorised payment
         * @description Only an `approved` payment (a deposit, or one held for review) can cancel; asking again after it happened answers the payment as it is; any other state is 409 `invalid_state`. 504: Square did not answer, nothing changed here, retry. Hotel-side: needs `payments:read` and `payments:write` (a booking widget’s `payments:write` alone may not capture or void, e.g. a payment held for the hotel’s risk review).
         */
        post: operations["cancelPaymentUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a hotel’s payments
         * @description Newest first; filter by reservation and status.
         */
        get: operations["listHotelPayments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payments/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a payment’s refunds
         * @description Newest first: those asked for here, by a cancellation, and those made in Square’s dashboard.
         */
        get: operations["listPaymentRefunds"];
        put?: never;
        /**
         * Refund a payment, partly or fully
         * @description Never more than captured less refunds already asked for (and less any amount under an open dispute): beyond that → 409 `refund_exceeds_balance` with `refundable_amount`; a payment that is not `completed` → 409 `invalid_state`. The amount is reserved before Square is asked, so concurrent refunds cannot together exceed it. Square refusing → the refund is `failed` and the amount is refundable again: 402 (a decline, `code` is Square’s), 409, or 502 `gateway_error`. 201: Square took it (`pending` until Square settles it, then `completed` and the event `payment.refunded`). 202: Square’s answer could not be had; the refund stays `pending` and is finished with the same Square idempotency key by a retry of this request or by the reconciliation job. With `Idempotency-Key` a retry never refunds twice. Hotel-side: needs `payments:read` and `payments:write` (a booking widget’s `payments:write` alone is 403).
         */
        post: operations["createRefund"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/payments/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a payment’s refunds
         * @description Newest first: those asked for here, by a cancellation, and those made in Square’s dashboard.
         */
        get: operations["listPaymentRefundsUnversioned"];
        put?: never;
        /**
         * Refund a payment, partly or fully
         * @description Never more than captured less refunds already asked for (and less any amount under an open dispute): beyond that → 409 `refund_exceeds_balance` with `refundable_amount`; a payment that is not `completed` → 409 `invalid_state`. The amount is reserved before Square is asked, so concurrent refunds cannot together exceed it. Square refusing → the refund is `failed` and the amount is refundable again: 402 (a decline, `code` is Square’s), 409, or 502 `gateway_error`. 201: Square took it (`pending` until Square settles it, then `completed` and the event `payment.refunded`). 202: Square’s answer could not be had; the refund stays `pending` and is finished with the same Square idempotency key by a retry of this request or by the reconciliation job. With `Idempotency-Key` a retry never refunds twice. Hotel-side: needs `payments:read` and `payments:write` (a booking widget’s `payments:write` alone is 403).
         */
        post: operations["createRefundUnversioned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/booking-engine/reservations/{id}/folio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A reservation’s folio
         * @description Charges (room nights; after a cancellation or no-show the cancellation fee), payments (authorisations listed with `counts: false`), refunds (pending or completed) and dispute holds. `amount_paid` and `balance_due` are the reservation’s own. Readable by whoever may read the reservation: hotel-side credentials, the widget that booked it, or a widget proving the guest with `X-Confirmation-Number` and `X-Guest-Email`; anyone else gets 404. Cards show brand and last 4 digits only.
         */
        get: operations["getReservationFolio"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/booking-engine/reservations/{id}/folio": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A reservation’s folio
         * @description Charges (room nights; after a cancellation or no-show the cancellation fee), payments (authorisations listed with `counts: false`), refunds (pending or completed) and dispute holds. `amount_paid` and `balance_due` are the reservation’s own. Readable by whoever may read the reservation: hotel-side credentials, the widget that booked it, or a widget proving the guest with `X-Confirmation-Number` and `X-Guest-Email`; anyone else gets 404. Cards show brand and last 4 digits only.
         */
        get: operations["getReservationFolioUnversioned"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/payment-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A hotel’s payment settings */
        get: operations["getPaymentSettings"];
        /**
         * Set a hotel’s payment settings
         * @description Both switches are sent. Needs `payments:read` and `payments:write` (hotel-side credentials).
         */
        put: operations["updatePaymentSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/integrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A hotel’s integration configuration
         * @description Effective values: what the hotel set, else the deployment’s defaults. Secrets are never returned.
         */
        get: operations["getHotelIntegrations"];
        /**
         * Change a hotel’s integration configuration
         * @description Merges: sections and fields left out keep their values (send only what changes). Audited with a field-level diff in the same batch. `payment_gateway.location_id` needs the hotel’s own Square connection (409 otherwise); `payment_gateway.access_token` is refused with 422 (connect through Square OAuth). `payment_gateway` also needs `payments:read` and `payments:write`, as PUT /payment-settings does (403 otherwise). Answers the configuration as GET does.
         */
        put: operations["updateHotelIntegrations"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/square": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive Square's notifications
         * @description Square calls this URL (its webhook subscription) with `payment.created|updated`, `refund.created|updated`, `dispute.created` and `dispute.state.updated` (or its older name `dispute.state.changed`). No API key: the body must carry `x-square-hmacsha256-signature` = base64 HMAC-SHA256 of the notification URL followed by the raw body, under `SQUARE_WEBHOOK_SIGNATURE_KEY`; the URL is `SQUARE_WEBHOOK_NOTIFICATION_URL` when set, else this request’s URL (or its `X-Forwarded-Proto`/`X-Forwarded-Host` form). A missing or wrong signature is a 401 and nothing changes; without a configured key every notification is a 503.
         *
         *     Each `event_id` is applied once: a redelivery answers 200 `duplicate`. Anything not applied (an event type we do not handle, a payment we do not know, a payment of another Square merchant, an older state than the one on record) is recorded and answered 200 `ignored`, so Square does not retry it.
         *
         *     Payments move forward only (`payment.completed`/`payment.failed` once each). A dispute holds its amount off the folio (the payment’s `disputed_amount`; the reservation’s `balance_due` rises) until it is WON; LOST or ACCEPTED keeps it off. `payment.disputed` is emitted when the dispute is first reported and once per later state (`data.dispute.state`).
         */
        post: operations["receiveSquareNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/payment-connection/authorize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Connect the hotel's own Square account (start Square OAuth)
         * @description Redirects (302) to Square's authorization page (authorization code with PKCE S256 and a signed, 15-minute `state`). After the seller approves, Square returns to the callback, which stores the connection and redirects to `redirect_after` (with `payment_connection=connected|denied`). With `Accept: application/json` the answer is `{authorize_url}` instead. Until connected (or after a disconnect) the hotel's payments use the platform's Square account. Hotel-side: needs `payments:read` and `payments:write` (a booking widget’s key must not route the hotel’s payments to another account).
         */
        get: operations["connectSquareAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/payment-connections/square/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Square OAuth callback (Square's redirect)
         * @description Called by the browser on its way back from Square. The `state` must be ours, unexpired and unused; the code is exchanged with the PKCE verifier, the main active location picked, and the tokens stored encrypted. Redirects to `redirect_after` if one was given, else answers the connection. A seller who denies access (`error=access_denied`) is sent back with `payment_connection=denied` (403 without `redirect_after`). Square failing the exchange → 502/504; a bad, expired or reused state → 401.
         */
        get: operations["handleSquareOAuthCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/payment-connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The hotel's Square connection
         * @description Never the tokens themselves. 404 when the hotel never connected an account.
         */
        get: operations["getPaymentConnection"];
        put?: never;
        post?: never;
        /**
         * Disconnect the hotel's Square account
         * @description Revokes the authorization at Square and marks the connection `revoked`; payments use the platform account again. Idempotent (204 when there is nothing to revoke). Square unreachable → 504, nothing changes. Needs `payments:read` and `payments:write`.
         */
        delete: operations["disconnectSquareAccount"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/email-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every email template of the hotel in a language (its own or the default) */
        get: operations["listEmailTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/email-templates/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An email template: the hotel’s own in that language, else the shipped default */
        get: operations["getEmailTemplate"];
        /**
         * Save the hotel’s version of a template in a language
         * @description Subject (one line), HTML and text with `{{variable}}` placeholders. A variable the template key does not have, or a malformed placeholder, is a 400 naming it. Values are HTML-escaped in the HTML body.
         */
        put: operations["saveEmailTemplate"];
        post?: never;
        /** Delete the hotel’s version of a template (the default applies again) */
        delete: operations["deleteEmailTemplate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/email-templates/{key}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Render a template with sample data
         * @description Renders the current template, or the `subject`/`html`/`text` sent (checked as a save would be), with sample values; `variables` replaces some of them. Nothing is saved or sent.
         */
        post: operations["previewEmailTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/email-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which email automations the hotel sends, its email language, pre-arrival timing */
        get: operations["getEmailSettings"];
        /** Change the email settings (only the fields sent change) */
        put: operations["updateEmailSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/emails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The hotel’s email outbox, newest first
         * @description Every email decided for the hotel: `queued`, `sent`, `failed` (with `last_error`) or `suppressed`.
         */
        get: operations["listEmails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/emails/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One email: status, attempts, last error, Message-ID */
        get: operations["getEmail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/emails/{id}/raw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The message exactly as sent (message/rfc822), kept 30 days */
        get: operations["getRawEmail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hotel’s campaigns, newest first */
        get: operations["listCampaigns"];
        put?: never;
        /**
         * Schedule a marketing campaign
         * @description Template variables: guest_first_name, guest_last_name, guest_name, hotel_name, hotel_email, hotel_phone, unsubscribe_url; both bodies must contain `{{unsubscribe_url}}`.
         */
        post: operations["createCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One campaign with its progress */
        get: operations["getCampaign"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/campaigns/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a campaign: no further batch is sent
         * @description Emails already in the outbox still go out. Cancelling twice answers the cancelled campaign.
         */
        post: operations["cancelCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/email/unsubscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Unsubscribe page (a button that POSTs the one-click unsubscribe)
         * @description Opening the link changes nothing (mail scanners open links); the button does.
         */
        get: operations["getUnsubscribePage"];
        put?: never;
        /**
         * One-click unsubscribe (RFC 8058)
         * @description The `List-Unsubscribe` target of marketing email: mail clients POST `List-Unsubscribe=One-Click` (form-encoded) to it. No API key: the signed `token` names the hotel and address. The address is suppressed for the hotel (no marketing email again) and the guest’s `marketing_opt_in` cleared; repeating it changes nothing. A token that was altered → 400.
         */
        post: operations["unsubscribeRecipient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotels/{hotel_id}/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hotel’s channels, newest first */
        get: operations["listChannels"];
        put?: never;
        /**
         * Connect the hotel to an OTA channel
         * @description Providers `ota_xml` (a generic OpenTravel 2015A partner) and `booking_com`; `expedia` and `airbnb` are a 422 `not_supported`. `credentials` are encrypted at rest and never returned (`credentials_set`). URLs must be https and public outside development. `auto_accept` defaults to OTA_AUTO_ACCEPT, `sync_interval` to OTA_SYNC_INTERVAL.
         */
        post: operations["createChannel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a channel */
        get: operations["getChannel"];
        put?: never;
        post?: never;
        /**
         * Delete a channel with its mappings and message log
         * @description Reservations it brought stay ours. A channel with reservations waiting to be accepted or rejected is a 409.
         */
        delete: operations["deleteChannel"];
        options?: never;
        head?: never;
        /**
         * Change a channel
         * @description `credentials`, when sent, replace the stored ones; `endpoints` replaces the whole set. Pointing `endpoint_url` or an `endpoints` URL at a host the channel did not use before, or changing `hotel_code`, requires `credentials` in the same request (400 otherwise): the stored ones never go to a new host or property.
         */
        patch: operations["updateChannel"];
        trace?: never;
    };
    "/api/v1/channels/{id}/mappings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The channel’s room type / rate plan ↔ channel code mappings */
        get: operations["listChannelMappings"];
        /**
         * Replace the channel’s mappings
         * @description The whole set, replaced at once (an empty array removes every mapping). Each room type and rate plan must be the hotel’s and the plan must sell the room type; each product and each (room code, rate code) pair appears once. ARI of unmapped products is not sent; reservations for unmapped codes wait as `needs_mapping`.
         */
        put: operations["replaceChannelMappings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sync health: last success and error, 24 h success rate, backlog, reservations */
        get: operations["getChannelHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The XML exchanged with the channel, newest first (kept 30 days)
         * @description Credentials and card data are redacted before a body is stored; bodies over 64,000 characters are cut.
         */
        get: operations["listChannelMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reservations a channel sent, newest first */
        get: operations["listChannelReservations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/reservations/{channel_reservation_id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept a pending channel reservation
         * @description Confirms our reservation and tells the channel (`channels.acknowledge` job). Accepting again changes nothing.
         */
        post: operations["acceptChannelReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/reservations/{channel_reservation_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a pending channel reservation
         * @description Cancels our reservation, releases its rooms and tells the channel. Rejecting again changes nothing.
         */
        post: operations["rejectChannelReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/channels/{id}/reservations/{channel_reservation_id}/reimport": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a needs_mapping or failed channel reservation again
         * @description With the channel’s current mappings; the channel is told once it is on our books.
         */
        post: operations["reimportChannelReservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ota/{channel_id}/reservations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a channel’s reservations (OTA push)
         * @description A channel (OTA or channel manager) pushes `OTA_HotelResNotifRQ` (new, modified or cancelled reservations) or `OTA_HotelResModifyNotifRQ`, authenticated with HTTP Basic using the channel’s `credentials.username`/`credentials.password`, as `text/xml` or `application/xml`, at most 1 MB. The answer is the matching RS with our confirmation numbers (`HotelReservationID ResID_Type="10"`), or per-reservation errors. `OTA_PingRQ` is answered with `OTA_PingRS`.
         *
         *     A message is read completely before anything is imported; a re-delivered message changes nothing and gets the same answer. Every refusal is an OTA `Errors` body (`Type` from the EWT list, `Code` from ERR), never problem+json: 401 for missing or wrong credentials or an unknown channel (EWT 4, ERR 497), 403 for a disabled channel or a push from an address outside the channel’s `allowed_ips` (EWT 6), 400 for a message that is not XML, has a DOCTYPE or entity declarations, or is not one of the messages above (EWT 7 or 2), 413 over 1 MB, 415 for another media type, 503 when OTA connectivity is turned off or the reservations could not be stored (send again).
         */
        post: operations["receiveOtaReservations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Integration health
         * @description Per integration (`square`, `ota:<provider>`, `webhook`, `email` outbound; `square_webhooks`, `ota_push` inbound) over the last `window_minutes`: calls, failures, success rate, calls per minute, p50/p95 latency, and the last success and last error of the last 24 h. `status`: `idle` (no call in the window), `failing` (under 50 % succeeded), `degraded` (under 95 %, or the latest call failed), else `ok`. `backlog`: work waiting now. A credential restricted to some hotels sees only their calls and backlog; the platform-wide numbers (calls of no one hotel, dead letters without a hotel) only a credential for every hotel.
         */
        get: operations["getIntegrationsHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integrations/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Integration metrics over time
         * @description Time series per integration and direction in buckets of `bucket_minutes` (aligned to the epoch): calls, failures, failure rate (null without calls) and p95 latency; every bucket of the range has a point. `backlog`: the largest backlog sample (taken every minute) in each bucket that has one. Default range: the last 24 hours. A credential restricted to some hotels sees only their calls and backlog; the platform-wide numbers (calls of no one hotel, dead letters without a hotel) only a credential for every hotel.
         */
        get: operations["getIntegrationsMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/status-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a signed link to the status page (platform admin)
         * @description A link to `/status` that opens without the admin key until it expires (HMAC over the expiry with a key derived from JWT_SIGNING_SECRET; rotating that secret revokes every link). The page shows every hotel, so an admin credential restricted to some hotels is refused (403). The body is optional.
         */
        post: operations["createStatusLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "ari.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `ari.updated` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyAriUpdated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "reservation.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `reservation.created` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyReservationCreated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "reservation.modified": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `reservation.modified` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyReservationModified"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "reservation.cancelled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `reservation.cancelled` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyReservationCancelled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `payment.completed` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyPaymentCompleted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `payment.failed` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyPaymentFailed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.refunded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `payment.refunded` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyPaymentRefunded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.disputed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `payment.disputed` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyPaymentDisputed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "ota.reservation.imported": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `ota.reservation.imported` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyOtaReservationImported"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "reservation.overbooked": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `reservation.overbooked` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyReservationOverbooked"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "channel.sync_failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `channel.sync_failed` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyChannelSyncFailed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "webhook_endpoint.disabled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The `webhook_endpoint.disabled` event
         * @description Sent to every enabled endpoint whose `events` patterns match the type and whose `hotel_ids` include the event’s hotel. At least once and in no promised order: deduplicate by `webhook-id`.
         */
        post: operations["notifyWebhookEndpointDisabled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    ping: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A test delivery
         * @description Sent to one endpoint when `POST /api/v1/webhook-endpoints/{id}/test` asks, whatever its `events`; not in the event log. Use it to check your receiver and its signature check.
         */
        post: operations["notifyPing"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        AriUpdatedEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "ari.updated";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description The hotel the event belongs to. */
            hotel_id: string;
            data: {
                hotel_id: string;
                room_nights: number;
                changes: {
                    room_type_id: string;
                    rate_plan_id: string | null;
                    from: string;
                    to: string;
                    fields: string[];
                }[];
            };
        };
        ReservationCreatedEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "reservation.created";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description The hotel the event belongs to. */
            hotel_id: string;
            data: components["schemas"]["Reservation"];
        };
        Reservation: {
            id: string;
            confirmation_number: string;
            /** @enum {string} */
            status: "pending" | "confirmed" | "cancelled" | "expired" | "checked_in" | "checked_out" | "no_show";
            hotel_id: string;
            /** @description The first room’s (see rooms for all) */
            room_type_id: string;
            rate_plan_id: string;
            check_in: string;
            check_out: string;
            nights: number;
            /** @description Over all rooms */
            adults: number;
            children: number;
            rooms: {
                room_type_id: string;
                rate_plan_id: string;
                adults: number;
                children: number;
                total_amount: number;
                nightly: {
                    date: string;
                    amount: number;
                }[];
                cancellation_policy?: unknown;
            }[];
            /** @description The guest as given for this reservation (at booking or by a later PUT), never copied from or into the hotel’s profile of that email */
            guest: {
                /** @description The hotel’s guest profile this stay is filed under; shown only to hotel-side credentials (`reservations:read`) */
                id?: string;
                first_name: string;
                last_name: string;
                /** @description Lower-cased */
                email: string;
                phone: string | null;
            };
            special_requests: string | null;
            total_amount: number;
            currency: string;
            amount_paid: number;
            balance_due: number;
            cancellation_fee: number | null;
            /** @enum {string} */
            source: "direct" | "booking_com" | "expedia" | "airbnb" | "ota_xml";
            hold_expires_at: string | null;
            cancelled_at: string | null;
            version: number;
            created_at: string;
            updated_at: string;
        };
        ReservationModifiedEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "reservation.modified";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description The hotel the event belongs to. */
            hotel_id: string;
            data: components["schemas"]["Reservation"];
        };
        ReservationCancelledEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "reservation.cancelled";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description The hotel the event belongs to. */
            hotel_id: string;
            data: components["schemas"]["Reservation"];
        };
        PaymentCompletedEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "payment.completed";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description The hotel the event belongs to. */
            hotel_id: string;
            data: components["schemas"]["Payment"];
        };
        Payment: {
            /** @example pay_01JD3M8W6Q0V6Z2C7N4B5K9T1R */
            id: string;
            /**
             * @description `pending`: sent to Square, outcome not known yet (delayed methods such as ACH stay here until Square settles them); `approved`: authorised, not captured (complete or cancel it); `completed`: captured; `canceled`: authorisation voided; `failed`: declined.
             * @enum {string}
             */
            status: "pending" | "approved" | "completed" | "canceled" | "failed";
            /**
             * @description Minor units
             * @example 15000
             */
            amount: number;
            /** @example USD */
            currency: string;
            refunded_amount: number;
            reservation_id: string;
            hotel_id: string;
            /** @enum {string} */
            provider: "square";
            provider_payment_id: string | null;
            /** @enum {string} */
            source_type: "card" | "wallet" | "bank_account" | "card_on_file";
            autocomplete: boolean;
            /** @description Square rated it high risk; authorised and held for a review */
            held_for_review: boolean;
            /** @description Square's risk evaluation (NORMAL, MODERATE, HIGH) */
            risk_level: string | null;
            card?: {
                brand: string | null;
                last4: string | null;
                exp_month: number | null;
                exp_year: number | null;
            };
            receipt_url?: string;
            disputed_amount: number;
            /** @description Square's reason for a failed payment */
            error: {
                code: string;
                detail: string | null;
            } | null;
            /** @description RFC 3339 UTC */
            created_at: string;
            /** @description RFC 3339 UTC */
            updated_at: string;
        };
        PaymentFailedEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "payment.failed";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description The hotel the event belongs to. */
            hotel_id: string;
            data: components["schemas"]["Payment"];
        };
        PaymentRefundedEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "payment.refunded";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description The hotel the event belongs to. */
            hotel_id: string;
            data: components["schemas"]["Payment"] & {
                refund: components["schemas"]["Refund"];
            };
        };
        Refund: {
            id: string;
            payment_id: string;
            reservation_id: string;
            hotel_id: string;
            /** @enum {string} */
            status: "pending" | "completed" | "rejected" | "failed";
            amount: number;
            currency: string;
            reason: string | null;
            provider_refund_id: string | null;
            /** @enum {string} */
            origin: "api" | "cancellation" | "square";
            /** @description RFC 3339 UTC */
            created_at: string;
            /** @description RFC 3339 UTC */
            updated_at: string;
        };
        PaymentDisputedEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "payment.disputed";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description The hotel the event belongs to. */
            hotel_id: string;
            data: components["schemas"]["Payment"] & {
                dispute: components["schemas"]["Dispute"];
            };
        };
        Dispute: {
            id: string;
            payment_id: string;
            reservation_id: string;
            provider_dispute_id: string;
            state: string;
            reason: string | null;
            amount: number;
            currency: string;
            /** @description RFC 3339 UTC */
            evidence_due_at: string | null;
            /** @description RFC 3339 UTC */
            created_at: string;
            /** @description RFC 3339 UTC */
            updated_at: string;
        };
        OtaReservationImportedEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "ota.reservation.imported";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description The hotel the event belongs to. */
            hotel_id: string;
            data: {
                channel_id: string;
                provider: string;
                channel_reservation_id: string;
                /** @enum {string} */
                kind: "new" | "modify" | "cancel";
                /** @enum {string} */
                status: "imported" | "pending" | "rejected" | "needs_mapping" | "failed";
                overbooked: boolean;
                problem: string | null;
                reservation: components["schemas"]["Reservation"] & (Record<string, never> | null);
            };
        };
        ReservationOverbookedEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "reservation.overbooked";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description The hotel the event belongs to. */
            hotel_id: string;
            data: {
                channel_id: string;
                channel_reservation_id: string;
                reservation: components["schemas"]["Reservation"];
                nights: {
                    room_type_id: string;
                    date: string;
                    over_by: number;
                }[];
            };
        };
        ChannelSyncFailedEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "channel.sync_failed";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description The hotel the event belongs to. */
            hotel_id: string;
            data: {
                channel_id: string;
                provider: string;
                message_type: string;
                error: string;
                attempts: number;
            };
        };
        WebhookEndpointDisabledEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "webhook_endpoint.disabled";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            /** @description One of the hotels the endpoint served, or `*` for an endpoint of every hotel. */
            hotel_id: string;
            data: {
                id: string;
                /** @enum {string} */
                reason: "failing";
                failing_since: string;
                disabled_at: string;
            };
        };
        PingEvent: {
            /** @description The event id, also sent as `webhook-id`: the same on every retry, so deduplicate by it. */
            id: string;
            /** @enum {string} */
            type: "ping";
            /** @description When the change was committed (RFC 3339, UTC). */
            created_at: string;
            hotel_id: null;
            data: {
                endpoint_id: string;
            };
        };
        Health: {
            /** @enum {string} */
            status: "ok";
        };
        Readiness: {
            /** @enum {string} */
            status: "ok" | "degraded";
            checks: {
                /** @enum {string} */
                d1: "ok" | "fail";
                /** @enum {string} */
                kv: "ok" | "fail";
            };
        };
        CreatedApiKey: components["schemas"]["ApiKey"] & {
            /** @description The secret key: `whk_` + 48 characters (the last 16 a checksum). Shown once; store it now. */
            key: string;
        };
        ApiKey: {
            id: string;
            name: string;
            key_prefix: string;
            scopes: ("hotels:read" | "hotels:write" | "availability:read" | "reservations:read" | "reservations:write" | "payments:read" | "payments:write" | "webhooks:manage" | "channels:manage" | "emails:manage" | "audit:read" | "admin")[];
            hotel_ids: string[] | null;
            allowed_origins: string[];
            allowed_ips: string[];
            created_at: string;
            revoked_at: string | null;
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @enum {string} */
            code: "validation_failed" | "malformed_json" | "unsupported_media_type" | "payload_too_large" | "unauthorized" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "sold_out" | "stay_restricted" | "invalid_state" | "refund_exceeds_balance" | "idempotency_key_reused" | "not_supported" | "idempotency_in_flight" | "precondition_failed" | "rate_limited" | "payment_declined" | "payment_velocity_exceeded" | "gateway_error" | "gateway_timeout" | "service_unavailable" | "internal_error";
            request_id: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
        CreateApiKey: {
            name: string;
            scopes: ("hotels:read" | "hotels:write" | "availability:read" | "reservations:read" | "reservations:write" | "payments:read" | "payments:write" | "webhooks:manage" | "channels:manage" | "emails:manage" | "audit:read" | "admin")[];
            hotel_ids: string[] | null;
            allowed_origins?: string[];
            allowed_ips?: string[];
        };
        ApiKeyPage: {
            data: components["schemas"]["ApiKey"][];
            next_cursor: string | null;
        };
        AccessToken: {
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            expires_in: number;
            expires_at: string;
        };
        TokenRequest: {
            hotel_id: string;
            /** @description At most the key’s scopes. Omitted: the key’s scopes; for a key with `admin`, every scope but `admin` (a token gets `admin` only when asked for by name). */
            scopes?: ("hotels:read" | "hotels:write" | "availability:read" | "reservations:read" | "reservations:write" | "payments:read" | "payments:write" | "webhooks:manage" | "channels:manage" | "emails:manage" | "audit:read" | "admin")[];
            /** @default 900 */
            ttl_seconds?: number;
        };
        AuditLogPage: {
            data: components["schemas"]["AuditLog"][];
            next_cursor: string | null;
        };
        AuditLog: {
            /** @example aud_01j9z8x7w6v5t4s3r2q1p0n9m8 */
            id: string;
            hotel_id: string | null;
            actor: {
                /** @enum {string} */
                type: "admin" | "api_key" | "token" | "oauth" | "channel" | "webhook" | "square" | "system";
                id: string;
            };
            /** @example reservation.created */
            action: string;
            entity: {
                type: string | null;
                id: string | null;
            };
            request_id: string | null;
            ip: string | null;
            /** @enum {string} */
            outcome: "success" | "refused" | "failed";
            /** @description The HTTP status of the call, when it came from one */
            status: number | null;
            /** @description Field → `{from, to}`; secrets and guest data read `"[redacted]"` */
            changes: {
                [key: string]: {
                    from?: unknown;
                    to?: unknown;
                };
            } | null;
            /** Format: date-time */
            created_at: string;
        };
        DeadLetterPage: {
            data: components["schemas"]["DeadLetter"][];
            next_cursor: string | null;
        };
        DeadLetter: {
            id: string;
            queue: string;
            message_id: string;
            /** @description The job type; null when the message was not a job */
            type: string | null;
            hotel_id: string | null;
            /** @enum {string} */
            reason: "permanent" | "exhausted" | "unparseable" | "unknown_type" | "dead_letter_queue";
            /** @description The last error, redacted */
            error: string | null;
            attempts: number;
            /** @description The queued message as it was sent */
            payload?: unknown;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            replayed_at: string | null;
        };
        ReplayDeadLettersResult: {
            results: components["schemas"]["ReplayOutcome"][];
        };
        ReplayOutcome: {
            id: string;
            replayed: boolean;
            reason?: string;
        };
        ReplayDeadLetters: {
            ids?: string[];
            filter?: {
                /** @description Job type, e.g. `webhook.deliver` */
                type?: string;
                hotel_id?: string;
                /**
                 * Format: date-time
                 * @description Recorded at or after
                 * @example 2027-03-01T12:00:00Z
                 */
                from?: string;
                /**
                 * Format: date-time
                 * @description Recorded before
                 * @example 2027-03-01T12:00:00Z
                 */
                to?: string;
            };
            /** @default 100 */
            limit?: number;
        };
        CreatedOAuthClient: components["schemas"]["OAuthClient"] & {
            /** @description Confidential clients: `whs_…`, shown once and stored hashed. Public: null. */
            client_secret: string | null;
        };
        OAuthClient: {
            /** @description The `client_id`. */
            id: string;
            name: string;
            /** @enum {string} */
            type: "confidential" | "public";
            redirect_uris: string[];
            scopes: string[];
            created_at: string;
        };
        CreateOAuthClient: {
            name: string;
            /**
             * @description `confidential`: a server that keeps a secret; `public`: a native or browser app (PKCE only).
             * @enum {string}
             */
            type: "confidential" | "public";
            redirect_uris: string[];
            /** @description The most this app may ask for; never `admin`. */
            scopes: ("hotels:read" | "hotels:write" | "availability:read" | "reservations:read" | "reservations:write" | "payments:read" | "payments:write" | "webhooks:manage" | "channels:manage" | "emails:manage" | "audit:read")[];
        };
        OAuthClientPage: {
            data: components["schemas"]["OAuthClient"][];
            next_cursor: string | null;
        };
        OAuthGrantPage: {
            data: components["schemas"]["OAuthGrant"][];
            next_cursor: string | null;
        };
        OAuthGrant: {
            id: string;
            client_id: string;
            client_name: string | null;
            /** @description The grant’s hotels that the caller reaches. */
            hotel_ids: string[];
            scopes: string[];
            /** @description `key:<api key id>` or `idp:<issuer>:<subject>`. */
            granted_by: string;
            created_at: string;
        };
        OAuthTokenResponse: {
            access_token: string;
            /** @enum {string} */
            token_type: "Bearer";
            expires_in: number;
            refresh_token: string;
            scope: string;
        };
        OAuthTokenError: {
            error: string;
            error_description?: string;
        };
        Hotel: {
            id: string;
            name: string;
            timezone: string;
            currency: string;
            address: components["schemas"]["Address"];
            contact: components["schemas"]["Contact"];
            amenities: string[];
            policies: {
                check_in_time: string;
                check_out_time: string;
                cancellation?: string;
                children?: string;
                pets?: string;
            };
            /** @enum {string} */
            status: "active" | "inactive";
            created_at: string;
            updated_at: string;
        };
        Address: {
            line1?: string;
            line2?: string;
            city?: string;
            region?: string;
            postal_code?: string;
            country?: string;
        };
        Contact: {
            /** Format: email */
            email?: string;
            phone?: string;
            /** Format: uri */
            website?: string;
        };
        CreateHotel: {
            name: string;
            /** @example Europe/Vienna */
            timezone: string;
            /** @example EUR */
            currency: string;
            address?: components["schemas"]["Address"];
            contact?: components["schemas"]["Contact"];
            /** @default [] */
            amenities?: string[];
            policies?: components["schemas"]["HotelPolicies"];
        };
        /**
         * @default {
         *       "check_in_time": "15:00",
         *       "check_out_time": "11:00"
         *     }
         */
        HotelPolicies: {
            /** @default 15:00 */
            check_in_time?: string;
            /** @default 11:00 */
            check_out_time?: string;
            cancellation?: string;
            children?: string;
            pets?: string;
        };
        HotelPage: {
            data: components["schemas"]["Hotel"][];
            next_cursor: string | null;
        };
        /** @description Fields sent replace stored ones; in address, contact and policies a key sent as null is removed. */
        UpdateHotel: {
            name?: string;
            /** @example Europe/Vienna */
            timezone?: string;
            /** @example EUR */
            currency?: string;
            address?: {
                line1?: string | null;
                line2?: string | null;
                city?: string | null;
                region?: string | null;
                postal_code?: string | null;
                country?: string | null;
            };
            contact?: {
                /** Format: email */
                email?: string | null;
                phone?: string | null;
                /** Format: uri */
                website?: string | null;
            };
            amenities?: string[];
            policies?: {
                check_in_time?: string;
                check_out_time?: string;
                cancellation?: string | null;
                children?: string | null;
                pets?: string | null;
            };
            /** @enum {string} */
            status?: "active" | "inactive";
        };
        RoomType: {
            id: string;
            hotel_id: string;
            code: string;
            name: string;
            description: string;
            max_adults: number;
            max_children: number;
            max_occupancy: number;
            base_occupancy: number;
            beds: {
                type: string;
                count: number;
            }[];
            size_sqm: number | null;
            amenities: string[];
            images: {
                url: string;
                caption?: string;
            }[];
            /** @enum {string} */
            status: "active" | "inactive";
            created_at: string;
            updated_at: string;
        };
        CreateRoomType: {
            /**
             * @description Unique per hotel; used in channel mappings.
             * @example DBL
             */
            code: string;
            name: string;
            /** @default  */
            description?: string;
            max_adults: number;
            /** @default 0 */
            max_children?: number;
            /** @description Default max_adults + max_children */
            max_occupancy?: number;
            /** @description Default min(2, max_adults) */
            base_occupancy?: number;
            /** @default [] */
            beds?: {
                type: string;
                count: number;
            }[];
            /** @default null */
            size_sqm?: number | null;
            /** @default [] */
            amenities?: string[];
            /** @default [] */
            images?: {
                /** Format: uri */
                url: string;
                caption?: string;
            }[];
        };
        RoomTypePage: {
            data: components["schemas"]["RoomType"][];
            next_cursor: string | null;
        };
        UpdateRoomType: {
            /**
             * @description Unique per hotel; used in channel mappings.
             * @example DBL
             */
            code?: string;
            name?: string;
            description?: string;
            max_adults?: number;
            max_children?: number;
            max_occupancy?: number;
            base_occupancy?: number;
            beds?: {
                type: string;
                count: number;
            }[];
            size_sqm?: number | null;
            amenities?: string[];
            images?: {
                /** Format: uri */
                url: string;
                caption?: string;
            }[];
            /** @enum {string} */
            status?: "active" | "inactive";
        };
        RatePlan: {
            id: string;
            hotel_id: string;
            code: string;
            name: string;
            description: string;
            room_type_ids: string[];
            /** @enum {string} */
            meal_plan: "room_only" | "breakfast" | "half_board" | "full_board" | "all_inclusive";
            cancellation_policy: components["schemas"]["CancellationPolicy"];
            currency: string;
            extra_adult_amount: number;
            extra_child_amount: number;
            /** @enum {string} */
            status: "active" | "inactive";
            created_at: string;
            updated_at: string;
        };
        CancellationPolicy: {
            /** @description Free cancellation until this many hours before check-in; null = non-refundable */
            free_until_hours: number | null;
            /**
             * @default {
             *       "type": "first_night"
             *     }
             */
            penalty?: {
                /** @enum {string} */
                type: "first_night";
            } | {
                /** @enum {string} */
                type: "percentage";
                percent: number;
            } | {
                /** @enum {string} */
                type: "full_stay";
            };
        };
        CreateRatePlan: {
            /**
             * @description Unique per hotel; used in channel mappings.
             * @example DBL
             */
            code: string;
            name: string;
            /** @default  */
            description?: string;
            room_type_ids: string[];
            /**
             * @default room_only
             * @enum {string}
             */
            meal_plan?: "room_only" | "breakfast" | "half_board" | "full_board" | "all_inclusive";
            cancellation_policy?: components["schemas"]["CancellationPolicy"];
            /**
             * @description Must equal the hotel’s currency
             * @example EUR
             */
            currency?: string;
            /**
             * @description Integer minor units
             * @default 0
             */
            extra_adult_amount?: number;
            /**
             * @description Integer minor units
             * @default 0
             */
            extra_child_amount?: number;
        };
        RatePlanPage: {
            data: components["schemas"]["RatePlan"][];
            next_cursor: string | null;
        };
        UpdateRatePlan: {
            /**
             * @description Unique per hotel; used in channel mappings.
             * @example DBL
             */
            code?: string;
            name?: string;
            description?: string;
            room_type_ids?: string[];
            /** @enum {string} */
            meal_plan?: "room_only" | "breakfast" | "half_board" | "full_board" | "all_inclusive";
            cancellation_policy?: components["schemas"]["CancellationPolicy"];
            /**
             * @description Must equal the hotel’s currency
             * @example EUR
             */
            currency?: string;
            /** @description Integer minor units */
            extra_adult_amount?: number;
            /** @description Integer minor units */
            extra_child_amount?: number;
            /** @enum {string} */
            status?: "active" | "inactive";
        };
        HotelDetail: components["schemas"]["Hotel"] & {
            room_types: components["schemas"]["RoomType"][];
            rate_plans: components["schemas"]["RatePlan"][];
        };
        AriUpdateResult: {
            /** @description Room-nights written */
            updated: number;
        };
        AriUpdateRequest: {
            /** @description Applied in order; together at most 50000 room-nights */
            updates: components["schemas"]["AriUpdate"][];
        };
        AriUpdate: {
            room_type_id: string;
            rate_plan_id?: string;
            /**
             * Format: date
             * @description A calendar date from 2000-01-01 to 1096 days after today (UTC)
             * @example 2027-03-01
             */
            from: string;
            /**
             * Format: date
             * @description Inclusive
             * @example 2027-03-01
             */
            to: string;
            /**
             * @description Only these weekdays within the range, e.g. ["fri","sat"]
             * @example [
             *       "fri",
             *       "sat"
             *     ]
             */
            days_of_week?: ("sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat")[];
            /** @description Units to sell per night for the room type (no rate_plan_id needed) */
            inventory?: number;
            /** @description Nightly price in minor units for the base occupancy; null removes the price */
            amount?: number | null;
            /** @description Arrival-based */
            min_stay?: number | null;
            /** @description Arrival-based */
            max_stay?: number | null;
            /** @description Stop-sell for the night */
            closed?: boolean;
            closed_to_arrival?: boolean;
            closed_to_departure?: boolean;
        };
        AriCalendar: {
            hotel_id: string;
            from: string;
            to: string;
            room_types: {
                room_type_id: string;
                code: string;
                nights: {
                    date: string;
                    inventory: number;
                    taken: number;
                    /** @description Units channels sold beyond inventory (see docs/channels.md) */
                    overbooked: number;
                    /** @description inventory − taken − overbooked, at least 0 */
                    available: number;
                }[];
                rate_plans: {
                    rate_plan_id: string;
                    code: string;
                    nights: {
                        date: string;
                        amount: number | null;
                        min_stay: number | null;
                        max_stay: number | null;
                        closed: boolean;
                        closed_to_arrival: boolean;
                        closed_to_departure: boolean;
                    }[];
                }[];
            }[];
        };
        ChannelResync: {
            channel_id: string;
            from: string;
            to: string;
            /** @description Mapped room types whose products will be sent */
            room_types: number;
        };
        ChannelResyncRequest: {
            /**
             * Format: date
             * @description A calendar date from 2000-01-01 to 1096 days after today (UTC)
             * @example 2027-03-01
             */
            from: string;
            /**
             * Format: date
             * @description Inclusive; at most 730 days after from
             * @example 2027-03-01
             */
            to: string;
        };
        Availability: {
            hotel_id: string;
            check_in: string;
            check_out: string;
            nights: number;
            adults: number;
            children: number;
            currency: string;
            room_types: {
                room_type_id: string;
                code: string;
                name: string;
                max_occupancy: number;
                /** @description Minimum units left over the nights */
                available_units: number;
                rate_plans: {
                    rate_plan_id: string;
                    code: string;
                    name: string;
                    meal_plan: string;
                    cancellation_policy?: unknown;
                    total_amount: number;
                    nightly: components["schemas"]["NightlyAmount"][];
                }[];
            }[];
        };
        NightlyAmount: {
            date: string;
            amount: number;
        };
        AvailabilityRequest: {
            hotel_id: string;
            /**
             * Format: date
             * @description A calendar date from 2000-01-01 to 1096 days after today (UTC)
             * @example 2027-03-01
             */
            check_in: string;
            /**
             * Format: date
             * @description Exclusive: nights = check_out − check_in
             * @example 2027-03-01
             */
            check_out: string;
            adults: number;
            /** @default 0 */
            children?: number;
            /** @description Only this room type */
            room_type_id?: string;
            /** @description Only this rate plan */
            rate_plan_id?: string;
        };
        CreateReservation: {
            hotel_id: string;
            /**
             * Format: date
             * @description A calendar date from 2000-01-01 to 1096 days after today (UTC)
             * @example 2027-03-01
             */
            check_in: string;
            /**
             * Format: date
             * @description A calendar date from 2000-01-01 to 1096 days after today (UTC)
             * @example 2027-03-01
             */
            check_out: string;
            room_type_id?: string;
            rate_plan_id?: string;
            adults?: number;
            children?: number;
            /** @description Several rooms in one reservation, booked all-or-nothing (instead of the top-level room fields) */
            rooms?: components["schemas"]["ReservationRoomInput"][];
            guest: components["schemas"]["GuestInput"];
            special_requests?: string;
            /**
             * @description `pending` holds the inventory for `hold_minutes` until POST …/confirm
             * @default confirmed
             * @enum {string}
             */
            status?: "confirmed" | "pending";
            /** @default 15 */
            hold_minutes?: number;
        };
        ReservationRoomInput: {
            room_type_id: string;
            rate_plan_id: string;
            adults: number;
            /** @default 0 */
            children?: number;
        };
        GuestInput: {
            first_name: string;
            last_name: string;
            /** Format: email */
            email: string;
            phone?: string;
        };
        LookupReservation: {
            confirmation_number: string;
            email: string;
        };
        ModifyReservation: {
            /**
             * Format: date
             * @description A calendar date from 2000-01-01 to 1096 days after today (UTC)
             * @example 2027-03-01
             */
            check_in?: string;
            /**
             * Format: date
             * @description A calendar date from 2000-01-01 to 1096 days after today (UTC)
             * @example 2027-03-01
             */
            check_out?: string;
            room_type_id?: string;
            rate_plan_id?: string;
            adults?: number;
            children?: number;
            rooms?: components["schemas"]["ReservationRoomInput"][];
            guest?: {
                first_name?: string;
                last_name?: string;
                /** Format: email */
                email?: string;
                phone?: string;
            };
            special_requests?: string | null;
        };
        ReservationPage: {
            data: components["schemas"]["Reservation"][];
            next_cursor: string | null;
        };
        Guest: {
            id: string;
            hotel_id: string;
            first_name: string;
            last_name: string;
            email: string;
            phone: string | null;
            marketing_opt_in: boolean;
            country: string | null;
            language: string | null;
            created_at: string;
            updated_at: string;
            stays: {
                reservation_id: string;
                confirmation_number: string;
                status: string;
                check_in: string;
                check_out: string;
                total_amount: number;
                currency: string;
            }[];
        };
        PatchGuest: {
            first_name?: string;
            last_name?: string;
            /** Format: email */
            email?: string;
            phone?: string;
            /** @description Consent to marketing email (campaigns) */
            marketing_opt_in?: boolean;
            country?: string | null;
            language?: string | null;
        };
        EventPage: {
            data: components["schemas"]["Event"][];
            next_cursor: string | null;
        };
        Event: {
            id: string;
            /** @enum {string} */
            type: "ari.updated" | "reservation.created" | "reservation.modified" | "reservation.cancelled" | "payment.completed" | "payment.failed" | "payment.refunded" | "payment.disputed" | "ota.reservation.imported" | "reservation.overbooked" | "channel.sync_failed" | "webhook_endpoint.disabled";
            /** @description RFC 3339 UTC */
            created_at: string;
            hotel_id: string;
            /** @description The event type's resource, as the API returns it */
            data: {
                [key: string]: unknown;
            };
        };
        GuestCard: {
            /** @example card_01jd3m8w6q0v6z2c7n4b5k9t1r */
            id: string;
            guest_id: string;
            square_customer_id: string;
            /**
             * @description Pay with it: `source_id` = this id and `customer_id` = `square_customer_id`.
             * @example ccof:uIbfJXhXETSP197M3GB
             */
            square_card_id: string;
            /** @example VISA */
            brand: string | null;
            /** @example 1111 */
            last4: string | null;
            exp_month: number | null;
            exp_year: number | null;
            /** @enum {string} */
            status: "active" | "disabled";
            /** @description RFC 3339 UTC */
            created_at: string;
        };
        CreateGuestCard: {
            /**
             * @description A card payment token from Square’s Web Payments SDK (`cnon:…`). Used once by Square and never stored here.
             * @example cnon:card-nonce-ok
             */
            source_id: string;
            /** @description The 3-D Secure verification token from the Web Payments SDK (`verifyBuyer` with intent STORE). */
            verification_token?: string;
            cardholder_name?: string;
            billing_postal_code?: string;
        };
        GuestCardPage: {
            data: components["schemas"]["GuestCard"][];
            next_cursor: string | null;
        };
        CreatedWebhookEndpoint: components["schemas"]["WebhookEndpoint"] & {
            /** @description The signing secret (`whsec_…`), shown only now */
            secret: string;
        };
        WebhookEndpoint: {
            id: string;
            url: string;
            events: string[];
            hotel_ids: string[] | null;
            description: string | null;
            enabled: boolean;
            /** @enum {string|null} */
            disabled_reason: "manual" | "failing" | null;
            previous_secret_expires_at: string | null;
            created_at: string;
            updated_at: string;
        };
        CreateWebhookEndpoint: {
            /**
             * @description https only (outside development)
             * @example https://pms.example.com/hooks/wehub
             */
            url: string;
            /**
             * @example [
             *       "reservation.*"
             *     ]
             */
            events: string[];
            /** @description Only these hotels’ events. Omit (or null) for every hotel the credential covers. */
            hotel_ids?: string[] | null;
            description?: string;
            /** @default true */
            enabled?: boolean;
        };
        WebhookEndpointPage: {
            data: components["schemas"]["WebhookEndpoint"][];
            next_cursor: string | null;
        };
        UpdateWebhookEndpoint: {
            url?: string;
            events?: string[];
            /** @description Only these hotels’ events. Omit (or null) for every hotel the credential covers. */
            hotel_ids?: string[] | null;
            description?: string | null;
            enabled?: boolean;
        };
        RotatedWebhookSecret: {
            id: string;
            /** @description The new signing secret, shown only now */
            secret: string;
            /** @description Until then deliveries carry both signatures */
            previous_secret_expires_at: string;
        };
        WebhookDeliveryPage: {
            data: components["schemas"]["WebhookDelivery"][];
            next_cursor: string | null;
        };
        WebhookDelivery: {
            id: string;
            endpoint_id: string;
            /** @description Also the `webhook-id` header of every attempt */
            event_id: string;
            event_type: string;
            hotel_id: string | null;
            /** @enum {string} */
            status: "pending" | "delivered" | "dead";
            next_attempt_at: string | null;
            last_error: string | null;
            created_at: string;
            attempts: components["schemas"]["WebhookAttempt"][];
        };
        WebhookAttempt: {
            attempt: number;
            attempted_at: string;
            status_code: number | null;
            latency_ms: number;
            error: string | null;
            /** @description The first 1 KB of the answer */
            response_body: string | null;
            next_retry_at: string | null;
        };
        WebhookReplayResult: {
            /** @description Deliveries scheduled */
            deliveries: number;
            /** @description More events matched than one call replays */
            more: boolean;
            /** @description When `more`: pass it as `after` (with the same `since`) to continue */
            next_after: string | null;
        };
        WebhookReplay: {
            /**
             * Format: date-time
             * @description Every event committed at or after this instant
             */
            since: string;
            /** @description Continue after this event: `next_after` of the previous call */
            after?: string;
        };
        PaymentDeclinedProblem: {
            type: string;
            title: string;
            /** @enum {number} */
            status: 402;
            detail: string;
            /**
             * @description Square's error code
             * @example GENERIC_DECLINE
             */
            code: string;
            request_id: string;
            payment_id: string;
            payment: components["schemas"]["Payment"];
        };
        PaymentRequest: {
            /**
             * @description Minor units
             * @example 15000
             */
            amount: number;
            /**
             * @description The reservation's currency
             * @example USD
             */
            currency: string;
            /**
             * @description Square's payment token from the Web Payments SDK: a card nonce (`cnon:`), an Apple Pay / Google Pay token, an ACH bank token (`bnon:`), or a card on file (`ccof:`, with `customer_id`).
             * @example cnon:card-nonce-ok
             */
            source_id: string;
            reservation_id: string;
            /** @description The idempotency key (or send the `Idempotency-Key` header; when both are sent they must agree). */
            idempotency_key?: string;
            /** @description From `verifyBuyer` (3-D Secure / SCA), when the card needs it. */
            verification_token?: string;
            /** @description Square customer of a `ccof:` card */
            customer_id?: string;
            /**
             * @description `false` only authorises (a deposit): capture or void it with /complete or /cancel.
             * @default true
             */
            autocomplete?: boolean;
            /**
             * @description Take more than the balance due (hotel-side credentials only, `reservations:read`).
             * @default false
             */
            allow_overpayment?: boolean;
            /** @enum {string} */
            source_type?: "card" | "wallet" | "bank_account";
            /** @description Shown in Square's dashboard */
            note?: string;
        };
        PaymentPage: {
            data: components["schemas"]["Payment"][];
            next_cursor: string | null;
        };
        CreateRefund: {
            /**
             * @description Minor units
             * @example 5000
             */
            amount: number;
            /** @description Sent to Square (at most 192 characters) */
            reason?: string;
        };
        RefundList: {
            data: components["schemas"]["Refund"][];
        };
        Folio: {
            reservation_id: string;
            status: string;
            currency: string;
            charges: {
                /** @enum {string} */
                type: "room_night" | "room" | "adjustment" | "cancellation_fee";
                date: string | null;
                room_type_id: string | null;
                rate_plan_id: string | null;
                amount: number;
            }[];
            payments: {
                id: string;
                /** @enum {string} */
                type: "payment" | "authorisation";
                /** @enum {string} */
                status: "pending" | "approved" | "completed" | "canceled" | "failed";
                /** @description false for an authorisation: not paid until captured */
                counts: boolean;
                amount: number;
                refunded_amount: number;
                /** @enum {string} */
                source_type: "card" | "wallet" | "bank_account" | "card_on_file";
                card: {
                    brand: string | null;
                    last4: string | null;
                } | null;
                created_at: string;
            }[];
            refunds: {
                id: string;
                payment_id: string;
                /** @enum {string} */
                status: "pending" | "completed" | "rejected" | "failed";
                amount: number;
                /** @enum {string} */
                origin: "api" | "cancellation" | "square";
                reason: string | null;
                created_at: string;
            }[];
            holds: {
                payment_id: string;
                amount: number;
                disputes: {
                    id: string;
                    state: string;
                    reason: string | null;
                    evidence_due_at: string | null;
                }[];
            }[];
            charges_total: number;
            payments_total: number;
            refunds_total: number;
            holds_total: number;
            /** @description payments_total − refunds_total − holds_total */
            amount_paid: number;
            /** @description max(0, charges_total − amount_paid) */
            balance_due: number;
        };
        PaymentSettings: {
            /** @description When a reservation is cancelled, refund what its cancellation policy returns (amount paid less the cancellation fee) from its completed payments, newest first. */
            auto_refund_on_cancel: boolean;
            /** @description Authorise every payment first and hold those Square rates HIGH risk for a review. */
            hold_high_risk: boolean;
        };
        HotelIntegrations: {
            booking_engine: {
                /** @description Off: the hotel’s availability search and new bookings are refused with 409 `invalid_state` */
                enabled: boolean;
                /** @description Seconds a search result is cached (0: not cached); default BOOKING_ENGINE_CACHE_TTL */
                cache_ttl: number;
                /** @description Milliseconds a booking’s payment call to the gateway may take; default PAYMENT_GATEWAY_TIMEOUT_MS */
                timeout: number;
            };
            payment_gateway: {
                /**
                 * @description Only `square`
                 * @enum {string}
                 */
                provider: "square";
                /** @description Off: new payments are refused with 409 (refunds still work) */
                enabled: boolean;
                location_id: string | null;
                /**
                 * @description `hotel`: the hotel’s own Square connection; `platform`: the deployment’s account
                 * @enum {string}
                 */
                account: "hotel" | "platform";
                /** @description A token is configured for the account (never returned) */
                access_token_set: boolean;
            };
            ota_integration: {
                /** @description Off (or OTA_INTEGRATION_ENABLED off): no pulls, pushes refused, no new channels */
                enabled: boolean;
                providers: string[];
                /** @description Seconds between pulls of the hotel’s new channels; default OTA_SYNC_INTERVAL */
                sync_interval: number;
                /** @description Default `auto_accept` of new channels; default OTA_AUTO_ACCEPT */
                auto_accept: boolean;
            };
        };
        HotelIntegrationsUpdate: {
            booking_engine?: {
                /** @description Off: the hotel’s availability search and new bookings are refused with 409 `invalid_state` */
                enabled?: boolean;
                /** @description Seconds a search result is cached (0: not cached); default BOOKING_ENGINE_CACHE_TTL */
                cache_ttl?: number;
                /** @description Milliseconds a booking’s payment call to the gateway may take; default PAYMENT_GATEWAY_TIMEOUT_MS */
                timeout?: number;
            };
            payment_gateway?: {
                /**
                 * @description Only `square`
                 * @enum {string}
                 */
                provider?: "square";
                /** @description Off: new payments are refused with 409 (refunds still work) */
                enabled?: boolean;
                /** @description The Square location payments go to; settable only with the hotel’s own Square connection */
                location_id?: string;
                /** @description Write-only, and refused (422): a hotel’s own Square account is connected through Square OAuth (`/payment-connection/authorize`), which also keeps the token fresh */
                access_token?: string;
            };
            ota_integration?: {
                /** @description Off (or OTA_INTEGRATION_ENABLED off): no pulls, pushes refused, no new channels */
                enabled?: boolean;
                /** @description Providers the hotel may connect a channel to; default every supported one */
                providers?: ("ota_xml" | "booking_com" | "expedia" | "airbnb")[];
                /** @description Seconds between pulls of the hotel’s new channels; default OTA_SYNC_INTERVAL */
                sync_interval?: number;
                /** @description Default `auto_accept` of new channels; default OTA_AUTO_ACCEPT */
                auto_accept?: boolean;
            };
        };
        SquareNotificationReceipt: {
            event_id: string;
            /**
             * @description `applied`: handled, the change is on record (a twin delivered at the same moment may be the one that wrote it); `duplicate`: this event_id was already handled (nothing changed); `ignored`: recorded but not applied (see `reason`).
             * @enum {string}
             */
            outcome: "applied" | "duplicate" | "ignored";
            /** @description `unhandled_type`, `unknown_payment`, `merchant_mismatch`, `unreadable_object`, `stale` (older than what is on record), `dispute_payment_mismatch` */
            reason?: string;
        };
        SquareNotification: {
            /** @description The Square seller the event belongs to */
            merchant_id?: string;
            /** @example payment.updated */
            type: string;
            /** @description Square's unique id of the event (dedupe key) */
            event_id: string;
            created_at?: string;
            data?: {
                type?: string;
                id?: string;
                object?: {
                    [key: string]: unknown;
                };
            };
        };
        PaymentConnection: {
            hotel_id: string;
            /** @enum {string} */
            status: "active" | "revoked" | "refresh_failed";
            merchant_id: string;
            location_id: string | null;
            scopes: string[];
            access_token_expires_at: string | null;
            last_refreshed_at: string | null;
            last_error: string | null;
            created_at: string;
            updated_at: string;
        };
        EmailTemplateList: {
            data: {
                /** @enum {string} */
                key: "reservation_confirmation" | "reservation_modified" | "reservation_cancelled" | "payment_receipt" | "refund_receipt" | "pre_arrival" | "post_stay";
                language: string;
                /**
                 * @description `default`: the shipped template (English)
                 * @enum {string}
                 */
                source: "default" | "hotel";
                subject: string;
                /** @description What `{{…}}` this template may name */
                variables: string[];
                updated_at: string | null;
                languages: string[];
            }[];
        };
        EmailTemplate: {
            /** @enum {string} */
            key: "reservation_confirmation" | "reservation_modified" | "reservation_cancelled" | "payment_receipt" | "refund_receipt" | "pre_arrival" | "post_stay";
            language: string;
            /**
             * @description `default`: the shipped template (English)
             * @enum {string}
             */
            source: "default" | "hotel";
            subject: string;
            html: string;
            text: string;
            /** @description What `{{…}}` this template may name */
            variables: string[];
            updated_at: string | null;
        };
        EmailTemplateInput: {
            subject: string;
            html: string;
            text: string;
        };
        EmailTemplatePreview: {
            subject: string;
            html: string;
            text: string;
            variables: {
                [key: string]: string;
            };
        };
        EmailTemplatePreviewInput: {
            subject?: string;
            html?: string;
            text?: string;
            variables?: {
                [key: string]: string;
            };
        };
        EmailSettings: {
            /** @example en */
            language: string;
            /** @description Each automation on or off */
            automations: {
                reservation_confirmation?: boolean;
                reservation_modified?: boolean;
                reservation_cancelled?: boolean;
                payment_receipt?: boolean;
                refund_receipt?: boolean;
                pre_arrival?: boolean;
                post_stay?: boolean;
            };
            pre_arrival_days: number;
            updated_at: string | null;
        };
        EmailSettingsInput: {
            /** @example en */
            language?: string;
            automations?: {
                reservation_confirmation?: boolean;
                reservation_modified?: boolean;
                reservation_cancelled?: boolean;
                payment_receipt?: boolean;
                refund_receipt?: boolean;
                pre_arrival?: boolean;
                post_stay?: boolean;
            };
            pre_arrival_days?: number;
        };
        EmailPage: {
            data: components["schemas"]["Email"][];
            next_cursor: string | null;
        };
        Email: {
            id: string;
            hotel_id: string;
            /** @enum {string} */
            status: "queued" | "sent" | "failed" | "suppressed";
            /**
             * @description `campaign`: the campaign’s own template
             * @enum {string}
             */
            template: "reservation_confirmation" | "reservation_modified" | "reservation_cancelled" | "payment_receipt" | "refund_receipt" | "pre_arrival" | "post_stay" | "campaign";
            language: string;
            /** @enum {string} */
            category: "transactional" | "marketing";
            to: string;
            subject: string | null;
            reservation_id: string | null;
            event_id: string | null;
            campaign_id: string | null;
            attempts: number;
            last_error: string | null;
            message_id: string | null;
            /** @description The raw MIME is kept 30 days (GET …/raw) */
            raw_available: boolean;
            sent_at: string | null;
            created_at: string;
            updated_at: string;
        };
        Campaign: {
            id: string;
            hotel_id: string;
            name: string;
            /** @enum {string} */
            status: "scheduled" | "sending" | "sent" | "cancelled";
            template: {
                subject: string;
                html: string;
                text: string;
            };
            audience: {
                stayed_from?: string;
                stayed_to?: string;
                countries?: string[];
                languages?: string[];
            };
            send_at: string;
            /** @description One per recipient expanded so far, by email status */
            counts: {
                total: number;
                queued: number;
                sent: number;
                failed: number;
                suppressed: number;
            };
            cancelled_at: string | null;
            created_at: string;
            updated_at: string;
        };
        CampaignInput: {
            name: string;
            template: components["schemas"]["EmailTemplateInput"];
            audience?: components["schemas"]["CampaignAudience"];
            /**
             * Format: date-time
             * @description Default: now (picked up within a minute)
             * @example 2027-03-01T12:00:00Z
             */
            send_at?: string;
        };
        /**
         * @description The hotel's guests with `marketing_opt_in`, narrowed by a stay (confirmed, checked in or out) overlapping stayed_from…stayed_to, and by guest country / language (any listed).
         * @default {}
         */
        CampaignAudience: {
            /**
             * Format: date
             * @description A calendar date from 2000-01-01 to 1096 days after today (UTC)
             * @example 2027-03-01
             */
            stayed_from?: string;
            /**
             * Format: date
             * @description A calendar date from 2000-01-01 to 1096 days after today (UTC)
             * @example 2027-03-01
             */
            stayed_to?: string;
            countries?: string[];
            languages?: string[];
        };
        CampaignPage: {
            data: components["schemas"]["Campaign"][];
            next_cursor: string | null;
        };
        Channel: {
            id: string;
            hotel_id: string;
            /** @enum {string} */
            provider: "ota_xml" | "booking_com" | "expedia" | "airbnb";
            name: string | null;
            endpoint_url: string;
            endpoints: {
                ari?: string;
                reservations?: string;
                modifications?: string;
                acknowledgements?: string;
            };
            hotel_code: string;
            auto_accept: boolean;
            enabled: boolean;
            /** @enum {string} */
            mode: "pull" | "push";
            sync_interval: number;
            allowed_ips: string[];
            /** @description Credentials are stored (they are never returned) */
            credentials_set: boolean;
            /** Format: date-time */
            last_pulled_at: string | null;
            /** Format: date-time */
            last_success_at: string | null;
            /** Format: date-time */
            last_error_at: string | null;
            last_error: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        CreateChannel: {
            /**
             * @description `ota_xml` or `booking_com` (others: 422)
             * @enum {string}
             */
            provider: "ota_xml" | "booking_com" | "expedia" | "airbnb";
            name?: string | null;
            /**
             * @description https only (outside development)
             * @example https://ota.example.com/ota
             */
            endpoint_url: string;
            /** @description Per message family; each one left out goes to `endpoint_url`. */
            endpoints?: {
                /** @description OTA_HotelAvailNotifRQ / OTA_HotelRateAmountNotifRQ */
                ari?: string;
                /** @description OTA_ReadRQ (ota_xml) or GET OTA_HotelResNotif (booking_com) */
                reservations?: string;
                /** @description booking_com: GET OTA_HotelResModifyNotif */
                modifications?: string;
                /** @description OTA_NotifReportRQ (ota_xml) or POST OTA_HotelResNotifRS (booking_com) */
                acknowledgements?: string;
            };
            /**
             * @description What the partner gave the hotel: `username` and `password` (HTTP Basic both ways), plus any other string fields the provider needs. Encrypted at rest; never returned.
             * @example {
             *       "username": "hotel-1234",
             *       "password": "correct horse battery staple"
             *     }
             */
            credentials: {
                username: string;
                password: string;
            } & {
                [key: string]: string;
            };
            /**
             * @description The hotel as the channel names it (OTA HotelCode)
             * @example H1234
             */
            hotel_code: string;
            /** @description Default OTA_AUTO_ACCEPT; false keeps reservations pending */
            auto_accept?: boolean;
            /** @default true */
            enabled?: boolean;
            /**
             * @description `pull`: we fetch reservations on the cron; `push`: the partner posts to /api/v1/ota/{channel_id}/reservations
             * @default pull
             * @enum {string}
             */
            mode?: "pull" | "push";
            /** @description Seconds between reservation pulls (pull mode); default OTA_SYNC_INTERVAL. */
            sync_interval?: number;
            /** @description Addresses and CIDR ranges (IPv4 or IPv6, e.g. the partner’s published `2a05:d018::/32`) that pushes to /api/v1/ota/{channel_id}/reservations must come from; a push from elsewhere is refused with 403 (OTA Errors). Empty: any address. */
            allowed_ips?: string[];
        };
        ChannelPage: {
            data: components["schemas"]["Channel"][];
            next_cursor: string | null;
        };
        UpdateChannel: {
            name?: string | null;
            endpoint_url?: string;
            /** @description Replaces the whole set */
            endpoints?: {
                /** @description OTA_HotelAvailNotifRQ / OTA_HotelRateAmountNotifRQ */
                ari?: string;
                /** @description OTA_ReadRQ (ota_xml) or GET OTA_HotelResNotif (booking_com) */
                reservations?: string;
                /** @description booking_com: GET OTA_HotelResModifyNotif */
                modifications?: string;
                /** @description OTA_NotifReportRQ (ota_xml) or POST OTA_HotelResNotifRS (booking_com) */
                acknowledgements?: string;
            };
            /**
             * @description Replaces the stored credentials
             * @example {
             *       "username": "hotel-1234",
             *       "password": "correct horse battery staple"
             *     }
             */
            credentials?: {
                username: string;
                password: string;
            } & {
                [key: string]: string;
            };
            hotel_code?: string;
            auto_accept?: boolean;
            enabled?: boolean;
            /** @enum {string} */
            mode?: "pull" | "push";
            /** @description Seconds between reservation pulls (pull mode); default OTA_SYNC_INTERVAL. */
            sync_interval?: number;
            /** @description Replaces the whole list */
            allowed_ips?: string[];
        };
        ChannelMappingList: {
            data: components["schemas"]["ChannelMapping"][];
        };
        ChannelMapping: {
            room_type_id: string;
            rate_plan_id: string;
            /**
             * @description OTA InvTypeCode
             * @example DBL
             */
            channel_room_code: string;
            /**
             * @description OTA RatePlanCode
             * @example BAR
             */
            channel_rate_code: string;
        };
        ChannelMappings: components["schemas"]["ChannelMapping"][];
        ChannelHealth: {
            channel_id: string;
            enabled: boolean;
            /** Format: date-time */
            last_success_at: string | null;
            /** Format: date-time */
            last_error_at: string | null;
            last_error: string | null;
            /** Format: date-time */
            last_pulled_at: string | null;
            /** @description The window of `messages` and `success_rate` */
            window_hours: number;
            messages: {
                total: number;
                success: number;
                warning: number;
                error: number;
                failed: number;
            };
            /** @description (success + warning) / total over the window, 0–1; null when nothing was exchanged */
            success_rate: number | null;
            backlog: {
                /** @description ARI ranges changed and not yet pushed */
                dirty_ranges: number;
                /** @description Channel jobs given up and not replayed */
                dead_letters: number;
            };
            reservations: {
                imported: number;
                pending: number;
                rejected: number;
                needs_mapping: number;
                failed: number;
                /** @description Channel reservations flagged overbooked */
                overbooked: number;
            };
        };
        ChannelMessagePage: {
            data: components["schemas"]["ChannelMessage"][];
            next_cursor: string | null;
        };
        ChannelMessage: {
            id: string;
            channel_id: string;
            /** @enum {string} */
            direction: "outbound" | "inbound";
            /** @example OTA_HotelAvailNotifRQ */
            message_type: string;
            /** @enum {string} */
            outcome: "success" | "warning" | "error" | "failed";
            http_status: number | null;
            duration_ms: number | null;
            correlation_id: string | null;
            /** @description Credentials and card data redacted */
            request: string | null;
            /** @description Credentials and card data redacted */
            response: string | null;
            detail: string | null;
            /** Format: date-time */
            created_at: string;
        };
        ChannelReservationPage: {
            data: components["schemas"]["ChannelReservation"][];
            next_cursor: string | null;
        };
        ChannelReservation: {
            id: string;
            channel_id: string;
            channel_reservation_id: string;
            /**
             * @description `imported`: on our books (or cancelled by the channel); `pending`: waiting for accept or reject; `rejected`; `needs_mapping`: a room or rate code without a mapping (re-import after mapping it); `failed`: could not be applied (see `problem`)
             * @enum {string}
             */
            status: "imported" | "pending" | "rejected" | "needs_mapping" | "failed";
            /** @enum {string} */
            last_kind: "new" | "modify" | "cancel";
            reservation_id: string | null;
            confirmation_number: string | null;
            /** @enum {string|null} */
            reservation_status: "pending" | "confirmed" | "cancelled" | "expired" | "checked_in" | "checked_out" | "no_show" | null;
            /** @description Sold by the channel beyond our inventory when last applied */
            overbooked: boolean;
            problem: string | null;
            /** @description Never the number or the CVV */
            card: {
                brand: string | null;
                last4: string | null;
                expiry: string | null;
            } | null;
            channel_collect: boolean;
            acknowledged_at: string | null;
            created_at: string;
            updated_at: string;
            /** @description The reservation as the channel sent it, parsed */
            data: {
                [key: string]: unknown;
            };
        };
        ChannelReimport: {
            channel_reservation: components["schemas"]["ChannelReservation"];
            outcome: {
                /** @enum {string} */
                status: "imported" | "pending" | "rejected" | "needs_mapping" | "failed";
                confirmation_number: string | null;
                error: {
                    code: string;
                    text: string;
                } | null;
            };
        };
        IntegrationsHealth: {
            generated_at: string;
            window: {
                from: string;
                to: string;
            };
            integrations: components["schemas"]["IntegrationHealth"][];
            backlog: components["schemas"]["IntegrationBacklog"];
        };
        IntegrationHealth: {
            /** @example ota:booking_com */
            integration: string;
            /** @description The hotel asked for; null when several or all count */
            hotel_id: string | null;
            /** @enum {string} */
            direction: "outbound" | "inbound";
            /** @enum {string} */
            status: "ok" | "degraded" | "failing" | "idle";
            requests: number;
            errors: number;
            success_rate: number | null;
            throughput_per_minute: number;
            latency_ms: {
                p50: number | null;
                p95: number | null;
            };
            last_success_at: string | null;
            last_error_at: string | null;
            last_error: string | null;
        };
        IntegrationBacklog: {
            outbox_pending: number;
            webhook_deliveries_pending: number;
            emails_pending: number;
            channel_ari_dirty: number;
            dead_letters: number;
        };
        IntegrationsMetrics: {
            from: string;
            to: string;
            bucket_seconds: number;
            series: {
                integration: string;
                /** @enum {string} */
                direction: "outbound" | "inbound";
                points: {
                    t: string;
                    requests: number;
                    errors: number;
                    error_rate: number | null;
                    p95_ms: number | null;
                }[];
            }[];
            backlog: {
                t: string;
                outbox_pending: number;
                webhook_deliveries_pending: number;
                emails_pending: number;
                channel_ari_dirty: number;
                dead_letters: number;
            }[];
        };
        StatusLink: {
            /**
             * Format: uri
             * @description The status page, signed; works without a credential until `expires_at`
             */
            url: string;
            /** Format: date-time */
            expires_at: string;
        };
        StatusLinkRequest: {
            /** @description 60 s to 7 days (604800 s); default 24 h */
            expires_in_seconds?: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The worker answers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description A dependency fails */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKey"];
            };
        };
        responses: {
            /** @description The key, shown once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiKey: {
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
            /** @description The key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeApiKey: {
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
            /** @description The revoked key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    issueWidgetToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description A Bearer token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessToken"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditLogs: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                /** @description Default: every hotel the credential covers (and, for an all-hotels credential, rows of no hotel) */
                hotel_id?: string;
                /** @description Entity type, or type and id: `reservation` or `reservation:res_01j…` */
                entity?: string;
                /** @description Actor id: an API key id, `token:<sub>`, `oauth:<grant>`, `admin`, a channel id, `square` */
                actor?: string;
                /** @description Exact action, e.g. `reservation.created` or `POST /api/v1/hotels` */
                action?: string;
                outcome?: "success" | "refused" | "failed";
                /** @description Rows at or after this instant (RFC 3339) */
                from?: string;
                /** @description Rows before this instant (RFC 3339) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Audit rows */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listDeadLetters: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                /** @description Job type, e.g. `webhook.deliver` */
                type?: string;
                hotel_id?: string;
                /** @description Recorded at or after */
                from?: string;
                /** @description Recorded before */
                to?: string;
                /** @description `false`: only those not replayed yet; `true`: only replayed ones */
                replayed?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of dead letters */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetterPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replayDeadLetter: {
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
            /** @description The dead letter, now replayed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetter"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replayDeadLetters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplayDeadLetters"];
            };
        };
        responses: {
            /** @description One outcome per dead letter */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplayDeadLettersResult"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOAuthClients: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of apps */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthClientPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createOAuthClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOAuthClient"];
            };
        };
        responses: {
            /** @description The app; a confidential one’s secret shown once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedOAuthClient"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getOAuthClient: {
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
            /** @description The app */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthClient"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteOAuthClient: {
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
            /** @description Deleted; its tokens stop working at once */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listOAuthGrants: {
        parameters: {
            query: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                hotel_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Active grants, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthGrantPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revokeOAuthGrant: {
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
            /** @description Revoked (or narrowed) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAuthorizationPage: {
        parameters: {
            query?: {
                response_type?: string;
                client_id?: string;
                redirect_uri?: string;
                scope?: string;
                state?: string;
                code_challenge?: string;
                code_challenge_method?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sign-in page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Back to the client with `error` */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error page: unknown client or unregistered redirect URI */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    submitAuthorizationForm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The consent page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Back to the client with `code` or `error` */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Error page */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Sign-in failed */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description CSRF check failed, or the credential may not grant */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    issueOAuthToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Tokens (Cache-Control: no-store) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthTokenResponse"];
                };
            };
            /** @description RFC 6749 §5.2 error */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthTokenError"];
                };
            };
            /** @description `invalid_client` */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthTokenError"];
                };
            };
        };
    };
    getOAuthServerMetadata: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metadata */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listHotels: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                status?: "active" | "inactive";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of hotels, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HotelPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createHotel: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateHotel"];
            };
        };
        responses: {
            /** @description The new hotel */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hotel"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHotel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hotel */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hotel"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deactivateHotel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deactivated hotel */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hotel"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateHotel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateHotel"];
            };
        };
        responses: {
            /** @description The updated hotel */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hotel"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRoomTypes: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                status?: "active" | "inactive";
            };
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of room types, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomTypePage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createRoomType: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
            };
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRoomType"];
            };
        };
        responses: {
            /** @description The new room type */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomType"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRoomType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
                room_type_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The room type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomType"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deactivateRoomType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
                room_type_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deactivated room type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomType"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateRoomType: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
                room_type_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRoomType"];
            };
        };
        responses: {
            /** @description The updated room type */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomType"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listRatePlans: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                status?: "active" | "inactive";
            };
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of rate plans, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatePlanPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createRatePlan: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
            };
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRatePlan"];
            };
        };
        responses: {
            /** @description The new rate plan */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatePlan"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRatePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
                rate_plan_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rate plan */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatePlan"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deactivateRatePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
                rate_plan_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deactivated rate plan */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatePlan"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateRatePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
                rate_plan_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRatePlan"];
            };
        };
        responses: {
            /** @description The updated rate plan */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RatePlan"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBookableHotels: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of hotels, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HotelPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBookableHotel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hotel and what it sells */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HotelDetail"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBookableRoomTypes: {
        parameters: {
            query: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                hotel_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of room types, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomTypePage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBookableHotelsUnversioned: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of hotels, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HotelPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getBookableHotelUnversioned: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hotel and what it sells */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HotelDetail"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBookableRoomTypesUnversioned: {
        parameters: {
            query: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                hotel_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of room types, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoomTypePage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAriCalendar: {
        parameters: {
            query: {
                /** @description A calendar date from 2000-01-01 to 1096 days after today (UTC) */
                from: string;
                /** @description Inclusive; at most 731 days after from */
                to: string;
                room_type_id?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Per room type and night: inventory, taken; per rate plan: price and restrictions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AriCalendar"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateAri: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AriUpdateRequest"];
            };
        };
        responses: {
            /** @description Room-nights written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AriUpdateResult"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resyncChannel: {
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
                "application/json": components["schemas"]["ChannelResyncRequest"];
            };
        };
        responses: {
            /** @description The resync is queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelResync"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchAvailability: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AvailabilityRequest"];
            };
        };
        responses: {
            /** @description Offers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Availability"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    searchAvailabilityUnversioned: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AvailabilityRequest"];
            };
        };
        responses: {
            /** @description Offers */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Availability"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createReservation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReservation"];
            };
        };
        responses: {
            /** @description Booked */
            201: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    findReservation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LookupReservation"];
            };
        };
        responses: {
            /** @description The reservation */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReservation: {
        parameters: {
            query?: never;
            header?: {
                /** @description With X-Guest-Email: proves the guest, for a widget acting on a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reservation */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    modifyReservation: {
        parameters: {
            query?: never;
            header?: {
                /** @description With X-Guest-Email: proves the guest, for a widget acting on a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModifyReservation"];
            };
        };
        responses: {
            /** @description Modified */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelReservation: {
        parameters: {
            query?: never;
            header?: {
                /** @description With X-Guest-Email: proves the guest, for a widget acting on a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirmReservation: {
        parameters: {
            query?: never;
            header?: {
                /** @description With X-Guest-Email: proves the guest, for a widget acting on a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Now confirmed */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkInReservation: {
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
            /** @description Now checked_in */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkOutReservation: {
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
            /** @description Now checked_out */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    markReservationNoShow: {
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
            /** @description Now no_show */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createReservationUnversioned: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReservation"];
            };
        };
        responses: {
            /** @description Booked */
            201: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    findReservationUnversioned: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LookupReservation"];
            };
        };
        responses: {
            /** @description The reservation */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReservationUnversioned: {
        parameters: {
            query?: never;
            header?: {
                /** @description With X-Guest-Email: proves the guest, for a widget acting on a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reservation */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    modifyReservationUnversioned: {
        parameters: {
            query?: never;
            header?: {
                /** @description With X-Guest-Email: proves the guest, for a widget acting on a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
                "if-match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModifyReservation"];
            };
        };
        responses: {
            /** @description Modified */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Stale `If-Match`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelReservationUnversioned: {
        parameters: {
            query?: never;
            header?: {
                /** @description With X-Guest-Email: proves the guest, for a widget acting on a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirmReservationUnversioned: {
        parameters: {
            query?: never;
            header?: {
                /** @description With X-Guest-Email: proves the guest, for a widget acting on a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Now confirmed */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkInReservationUnversioned: {
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
            /** @description Now checked_in */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    checkOutReservationUnversioned: {
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
            /** @description Now checked_out */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    markReservationNoShowUnversioned: {
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
            /** @description Now no_show */
            200: {
                headers: {
                    /** @description Send back as If-Match to modify safely */
                    ETag: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listHotelReservations: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                status?: "pending" | "confirmed" | "cancelled" | "expired" | "checked_in" | "checked_out" | "no_show";
                /** @description Stays overlapping [from, to] */
                from?: string;
                /** @description A calendar date from 2000-01-01 to 1096 days after today (UTC) */
                to?: string;
                /** @description RFC 3339, from 2000-01-01 to 1096 days after today (UTC) */
                created_from?: string;
                /** @description RFC 3339, from 2000-01-01 to 1096 days after today (UTC) */
                created_to?: string;
                /** @description Guest name, email or confirmation number contains this text (2–100 characters, taken literally) */
                q?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of reservations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReservationPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getGuest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
                guest_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The guest */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Guest"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateGuest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
                guest_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchGuest"];
            };
        };
        responses: {
            /** @description The updated guest */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Guest"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description Default: every hotel the credential covers */
                hotel_id?: string;
                type?: "ari.updated" | "reservation.created" | "reservation.modified" | "reservation.cancelled" | "payment.completed" | "payment.failed" | "payment.refunded" | "payment.disputed" | "ota.reservation.imported" | "reservation.overbooked" | "channel.sync_failed" | "webhook_endpoint.disabled";
                /** @description An event id or `next_cursor`: events after it */
                after?: string;
                /** @description 1–100, default 20 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listGuestCards: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
                guest_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of cards */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestCardPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createGuestCard: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
            };
            path: {
                hotel_id: string;
                guest_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGuestCard"];
            };
        };
        responses: {
            /** @description The card on file */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestCard"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Payment declined. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Square refused the request for a reason that is not the card’s (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Payments are not configured for this hotel. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Square did not answer (`gateway_timeout`); nothing was stored. Retrying with the same Idempotency-Key is safe. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    disableGuestCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
                guest_id: string;
                card_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The disabled card */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GuestCard"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Square refused the request for a reason that is not the card’s (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Payments are not configured for this hotel. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Square did not answer (`gateway_timeout`); nothing was stored. Retrying with the same Idempotency-Key is safe. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                /** @description Only endpoints that hear this hotel */
                hotel_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpoint"];
            };
        };
        responses: {
            /** @description The endpoint and its secret */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookEndpoint"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWebhookEndpoint: {
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
            /** @description The endpoint (never its secret) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteWebhookEndpoint: {
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
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateWebhookEndpoint: {
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
                "application/json": components["schemas"]["UpdateWebhookEndpoint"];
            };
        };
        responses: {
            /** @description The endpoint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rotateWebhookEndpointSecret: {
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
            /** @description The new secret */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedWebhookSecret"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    pingWebhookEndpoint: {
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
            /** @description The queued delivery */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replayWebhookEvents: {
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
                "application/json": components["schemas"]["WebhookReplay"];
            };
        };
        responses: {
            /** @description Deliveries scheduled */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookReplayResult"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    retryWebhookDelivery: {
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
            /** @description The queued delivery */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDelivery"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
                /** @description With X-Guest-Email: proves the guest, for a booking widget paying a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRequest"];
            };
        };
        responses: {
            /** @description The payment */
            201: {
                headers: {
                    /** @description `true` on a replay */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Declined by Square; `code` is Square’s error code */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["PaymentDeclinedProblem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway did not answer in time (`gateway_timeout`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    processPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
                /** @description With X-Guest-Email: proves the guest, for a booking widget paying a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRequest"];
            };
        };
        responses: {
            /** @description The payment */
            201: {
                headers: {
                    /** @description `true` on a replay */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Declined by Square; `code` is Square’s error code */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["PaymentDeclinedProblem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway did not answer in time (`gateway_timeout`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPayment: {
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
            /** @description The payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completePayment: {
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
            /** @description The payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway did not answer in time (`gateway_timeout`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelPayment: {
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
            /** @description The payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway did not answer in time (`gateway_timeout`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createPaymentUnversioned: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
                /** @description With X-Guest-Email: proves the guest, for a booking widget paying a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRequest"];
            };
        };
        responses: {
            /** @description The payment */
            201: {
                headers: {
                    /** @description `true` on a replay */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Declined by Square; `code` is Square’s error code */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["PaymentDeclinedProblem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway did not answer in time (`gateway_timeout`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    processPaymentUnversioned: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
                /** @description With X-Guest-Email: proves the guest, for a booking widget paying a reservation it did not book */
                "x-confirmation-number"?: string;
                /** @description The reservation’s guest email */
                "x-guest-email"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRequest"];
            };
        };
        responses: {
            /** @description The payment */
            201: {
                headers: {
                    /** @description `true` on a replay */
                    "Idempotent-Replayed"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Declined by Square; `code` is Square’s error code */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["PaymentDeclinedProblem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway did not answer in time (`gateway_timeout`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPaymentUnversioned: {
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
            /** @description The payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completePaymentUnversioned: {
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
            /** @description The payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway did not answer in time (`gateway_timeout`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelPaymentUnversioned: {
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
            /** @description The payment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway did not answer in time (`gateway_timeout`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listHotelPayments: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                reservation_id?: string;
                status?: "pending" | "approved" | "completed" | "canceled" | "failed";
            };
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of payments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPaymentRefunds: {
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
            /** @description The refunds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefundList"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createRefund: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRefund"];
            };
        };
        responses: {
            /** @description Refund accepted by Square */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Refund"];
                };
            };
            /** @description Refund recorded, Square’s answer outstanding */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Refund"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Payment declined. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listPaymentRefundsUnversioned: {
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
            /** @description The refunds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RefundList"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createRefundUnversioned: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRefund"];
            };
        };
        responses: {
            /** @description Refund accepted by Square */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Refund"];
                };
            };
            /** @description Refund recorded, Square’s answer outstanding */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Refund"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Payment declined. */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReservationFolio: {
        parameters: {
            query?: never;
            header?: {
                "x-confirmation-number"?: string;
                "x-guest-email"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The folio */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Folio"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReservationFolioUnversioned: {
        parameters: {
            query?: never;
            header?: {
                "x-confirmation-number"?: string;
                "x-guest-email"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The folio */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Folio"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPaymentSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentSettings"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updatePaymentSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentSettings"];
            };
        };
        responses: {
            /** @description The settings now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentSettings"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHotelIntegrations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The configuration */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HotelIntegrations"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateHotelIntegrations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HotelIntegrationsUpdate"];
            };
        };
        responses: {
            /** @description The configuration now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HotelIntegrations"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    receiveSquareNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SquareNotification"];
            };
        };
        responses: {
            /** @description Received (applied, duplicate or ignored) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SquareNotificationReceipt"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than 1 MB. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    connectSquareAccount: {
        parameters: {
            query?: {
                /** @description Where the browser goes after Square: an https URL or a path on this API */
                redirect_after?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Square authorization URL */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        authorize_url: string;
                    };
                };
            };
            /** @description To Square's authorization page */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    handleSquareOAuthCallback: {
        parameters: {
            query: {
                state: string;
                code?: string;
                response_type?: string;
                error?: string;
                error_description?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connected */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentConnection"];
                };
            };
            /** @description To `redirect_after` */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway did not answer in time (`gateway_timeout`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getPaymentConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connection */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentConnection"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    disconnectSquareAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Disconnected */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway refused the request (`gateway_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The payment gateway did not answer in time (`gateway_timeout`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEmailTemplates: {
        parameters: {
            query?: {
                /** @description Default: the hotel's email language (email-settings), `en` */
                language?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One entry per template key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailTemplateList"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEmailTemplate: {
        parameters: {
            query?: {
                /** @description Default: the hotel's email language (email-settings), `en` */
                language?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
                key: "reservation_confirmation" | "reservation_modified" | "reservation_cancelled" | "payment_receipt" | "refund_receipt" | "pre_arrival" | "post_stay";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template and its variables */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailTemplate"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    saveEmailTemplate: {
        parameters: {
            query?: {
                /** @description Default: the hotel's email language (email-settings), `en` */
                language?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
                key: "reservation_confirmation" | "reservation_modified" | "reservation_cancelled" | "payment_receipt" | "refund_receipt" | "pre_arrival" | "post_stay";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailTemplateInput"];
            };
        };
        responses: {
            /** @description The saved template */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailTemplate"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteEmailTemplate: {
        parameters: {
            query?: {
                /** @description Default: the hotel's email language (email-settings), `en` */
                language?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
                key: "reservation_confirmation" | "reservation_modified" | "reservation_cancelled" | "payment_receipt" | "refund_receipt" | "pre_arrival" | "post_stay";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    previewEmailTemplate: {
        parameters: {
            query?: {
                /** @description Default: the hotel's email language (email-settings), `en` */
                language?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
                key: "reservation_confirmation" | "reservation_modified" | "reservation_cancelled" | "payment_receipt" | "refund_receipt" | "pre_arrival" | "post_stay";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailTemplatePreviewInput"];
            };
        };
        responses: {
            /** @description The rendered message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailTemplatePreview"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEmailSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailSettings"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateEmailSettings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailSettingsInput"];
            };
        };
        responses: {
            /** @description The settings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailSettings"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listEmails: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                status?: "queued" | "sent" | "failed" | "suppressed";
                template?: "reservation_confirmation" | "reservation_modified" | "reservation_cancelled" | "payment_receipt" | "refund_receipt" | "pre_arrival" | "post_stay" | "campaign";
                reservation_id?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of emails */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getEmail: {
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
            /** @description The email */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Email"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getRawEmail: {
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
            /** @description The MIME message */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "message/rfc822": string;
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listCampaigns: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of campaigns */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CampaignPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createCampaign: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
            };
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CampaignInput"];
            };
        };
        responses: {
            /** @description The scheduled campaign */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The campaign */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                hotel_id: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled campaign */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Campaign"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUnsubscribePage: {
        parameters: {
            query?: {
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The confirmation page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unsubscribeRecipient: {
        parameters: {
            query?: {
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unsubscribed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChannels: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of channels */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createChannel: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the request safe to retry (IETF draft "The Idempotency-Key HTTP Header Field"): 1–255 visible ASCII characters, unique per request, e.g. a UUID. A retry with the same key and body returns the original status and body with `Idempotent-Replayed: true` and does nothing twice; JSON bodies are compared in canonical form (key order and spacing do not matter). The same key with a different body is a 422 (`idempotency_key_reused`); a retry while the first request still runs is a 409 (`idempotency_in_flight`). Keys are scoped to the credential (for a token: its API key, hotels and scopes) and remembered for 24 hours; hotel access is checked before any replay. Server errors (5xx) and rejected input (400) are not remembered, so a retry runs again. */
                "idempotency-key"?: string;
            };
            path: {
                hotel_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateChannel"];
            };
        };
        responses: {
            /** @description The channel (without its credentials) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency key reused with a different body, or a value this API knows but does not support yet (`not_supported`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getChannel: {
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
            /** @description The channel (never its credentials) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteChannel: {
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
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateChannel: {
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
                "application/json": components["schemas"]["UpdateChannel"];
            };
        };
        responses: {
            /** @description The channel */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Channel"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChannelMappings: {
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
            /** @description Every mapping of the channel */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelMappingList"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replaceChannelMappings: {
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
                "application/json": components["schemas"]["ChannelMappings"];
            };
        };
        responses: {
            /** @description The mappings now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelMappingList"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getChannelHealth: {
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
            /** @description The channel’s health */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelHealth"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChannelMessages: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                direction?: "outbound" | "inbound";
                /** @description Root element of the request, e.g. OTA_HotelAvailNotifRQ */
                type?: string;
                outcome?: "success" | "warning" | "error" | "failed";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of messages */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelMessagePage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChannelReservations: {
        parameters: {
            query?: {
                /** @description 1–100, default 20 */
                limit?: number;
                /** @description `next_cursor` of the previous page */
                cursor?: string;
                status?: "imported" | "pending" | "rejected" | "needs_mapping" | "failed";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Channel reservations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelReservationPage"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acceptChannelReservation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The channel’s own reservation id */
                channel_reservation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The channel reservation after the decision */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelReservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectChannelReservation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The channel’s own reservation id */
                channel_reservation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The channel reservation after the decision */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelReservation"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reimportChannelReservation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description The channel’s own reservation id */
                channel_reservation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The channel reservation and what the re-import did */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChannelReimport"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unknown id. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicting state (sold out, invalid transition, request in flight). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    receiveOtaReservations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "text/xml": string;
                "application/xml": string;
            };
        };
        responses: {
            /** @description OTA_HotelResNotifRS / OTA_HotelResModifyNotifRS / OTA_PingRS */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description OTA Errors: unreadable or unsupported message */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description OTA Errors: credentials missing or wrong */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description OTA Errors: channel disabled, or address not in its allowed_ips */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description OTA Errors: message over 1 MB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description OTA Errors: not sent as XML */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description OTA Errors: too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description OTA Errors: OTA connectivity off, or not stored (send again) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
        };
    };
    getIntegrationsHealth: {
        parameters: {
            query?: {
                /** @description One hotel. Default: every hotel the credential covers (all, for a platform credential). */
                hotel_id?: string;
                /** @description Minutes the counts cover: 1–1440, default 60 */
                window_minutes?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Health */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntegrationsHealth"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getIntegrationsMetrics: {
        parameters: {
            query?: {
                /** @description One hotel. Default: every hotel the credential covers (all, for a platform credential). */
                hotel_id?: string;
                /** @description Default: 24 hours before `to` */
                from?: string;
                /** @description Default: now */
                to?: string;
                /** @description 1–1440, default 5; at most 1500 buckets in the range */
                bucket_minutes?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntegrationsMetrics"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createStatusLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["StatusLinkRequest"];
            };
        };
        responses: {
            /** @description The signed link */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusLink"];
                };
            };
            /** @description Invalid input (`validation_failed` with `errors[]`, or `malformed_json`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, invalid or expired credential. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or another tenant’s hotel. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body is not `application/json`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see `Retry-After`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not configured or temporarily unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    notifyAriUpdated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AriUpdatedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyReservationCreated: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReservationCreatedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyReservationModified: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReservationModifiedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyReservationCancelled: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReservationCancelledEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyPaymentCompleted: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentCompletedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyPaymentFailed: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentFailedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyPaymentRefunded: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentRefundedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyPaymentDisputed: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaymentDisputedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyOtaReservationImported: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OtaReservationImportedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyReservationOverbooked: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReservationOverbookedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyChannelSyncFailed: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChannelSyncFailedEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyWebhookEndpointDisabled: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEndpointDisabledEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    notifyPing: {
        parameters: {
            query?: never;
            header: {
                /** @description The event id (the body’s `id`); the same on every retry. */
                "webhook-id": string;
                /** @description Unix seconds when this attempt was signed; reject ones far from your clock (replays). */
                "webhook-timestamp": string;
                /** @description Space-separated `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{raw body}">` under the endpoint’s `whsec_` secret (its base64 part decoded); for 24 h after a secret rotation, one for each of the two secrets. Verify over the raw bytes with a Standard Webhooks library. */
                "webhook-signature": string;
                "user-agent": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PingEvent"];
            };
        };
        responses: {
            /** @description Received: the delivery is done. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Counted as a failed attempt and retried on the schedule (8 attempts over about a day at the default `WEBHOOK_RETRY_BASE_SECONDS`), as are timeouts (10 s), network errors and redirects, which are not followed. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
