import {
  APPROVAL_TARGET_HOURS,
  ApproveInputSchema,
  ConfirmedRegistrationSchema,
  ConfirmRegistrationSchema,
  DeclineInputSchema,
  RegistrationInputSchema,
  RegistrationListQuerySchema,
  RegistrationListSchema,
  RegistrationReceivedSchema,
  RegistrationSchema,
  RegistrationStatsQuerySchema,
  RegistrationStatsSchema,
  RejectInputSchema,
  TermsAcceptResultSchema,
  TermsAcceptSchema,
  TermsCurrentSchema,
  TermsPublishSchema,
  TermsVersionSchema,
  VouchInputSchema,
} from "../../../common/registrations.js";
import type { AppInstance } from "../../app.js";
import type { AppContext } from "../../context.js";
import { publicAccess, requires } from "../../http/access-rules.js";
import { unauthenticated } from "../../http/errors.js";
import { actorOf } from "../../http/request-context.js";
import { recordRoutes } from "../../platform/record-routes.js";

export async function registerRegistrationsRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["registrations"];
  const record = recordRoutes(app, tags);
  const review = { access: requires("registrations:review") };
  const decide = { access: requires("users:manage") };

  app.post(
    "/registrations",
    {
      // A person registers once; a burst from one address is a script.
      config: { access: publicAccess(), rateLimit: { max: 5, timeWindow: "1 hour" } },
      schema: {
        tags,
        summary: "Register for access (then confirm the e-mail address by the link sent)",
        description:
          'Answers 202 `{status: "received"}` for every valid request, whether or not the address already has an ' +
          "account or an open request, so the form tells nobody which addresses are known. A new address gets the " +
          'confirmation link; an address with an account gets a "you already have an account" e-mail with the ' +
          "sign-in and password-reset links, in the account's language; an address with an open request is told so. " +
          "At most one such notice per address per hour. 400 lists invalid fields; 503 when the e-mail cannot be sent.",
        body: RegistrationInputSchema,
        response: { 202: RegistrationReceivedSchema },
      },
    },
    async (request, reply) => {
      await ctx.registrations.register(request.body, actorOf(request), request.lang);
      return reply.status(202).send({ status: "received" });
    },
  );

  app.post(
    "/registrations/confirm",
    {
      config: { access: publicAccess(), rateLimit: { max: 20, timeWindow: "1 hour" } },
      schema: {
        tags,
        summary: "Confirm the e-mail address with the token from the link; the request enters the approval queue",
        body: ConfirmRegistrationSchema,
        response: { 200: ConfirmedRegistrationSchema },
      },
    },
    async (request) => {
      await ctx.registrations.confirm(request.body.token, actorOf(request));
      return { status: "pending" as const, targetHours: APPROVAL_TARGET_HOURS };
    },
  );

  record.list(
    "/registrations",
    review,
    {
      summary: "Approval queue (coordinators: every partner; focal points: their own partner)",
      querystring: RegistrationListQuerySchema,
      response: RegistrationListSchema,
    },
    (query, { principal, actor }) => ctx.registrations.list(principal, query, actor),
  );

  record.list(
    "/registrations/stats",
    decide,
    {
      summary: "Approval times by month: counts, median and 95th percentile hours, share within 48 hours",
      querystring: RegistrationStatsQuerySchema,
      response: RegistrationStatsSchema,
    },
    (query) => ctx.registrations.stats(query.months),
  );

  // The review steps: each states its own rule and answers the request as it now stands.
  record.change(
    "POST",
    "/registrations/:id/vouch",
    review,
    {
      summary: "Vouch for a request (focal point of the partner, or coordinator)",
      body: VouchInputSchema,
      response: RegistrationSchema,
    },
    (id, body, { principal, actor }) => ctx.registrations.vouch(principal, id, body, actor),
  );
  record.change(
    "POST",
    "/registrations/:id/decline",
    review,
    {
      summary: "Recommend refusing a request, with a reason (a coordinator decides)",
      body: DeclineInputSchema,
      response: RegistrationSchema,
    },
    (id, body, { principal, actor }) => ctx.registrations.decline(principal, id, body, actor),
  );
  record.change(
    "POST",
    "/registrations/:id/approve",
    decide,
    {
      summary: "Approve a request: creates the account and e-mails the registrant",
      body: ApproveInputSchema,
      response: RegistrationSchema,
    },
    (id, body, { principal, actor }) => ctx.registrations.approve(principal, id, body, actor),
  );
  record.change(
    "POST",
    "/registrations/:id/reject",
    decide,
    {
      summary: "Reject a request with a reason, e-mailed to the registrant",
      body: RejectInputSchema,
      response: RegistrationSchema,
    },
    (id, body, { principal, actor }) => ctx.registrations.reject(principal, id, body, actor),
  );

  app.get(
    "/terms/current",
    {
      config: { access: publicAccess() },
      schema: {
        tags: ["terms"],
        summary: "The current terms of use and access policy, in English and Russian",
        response: { 200: TermsCurrentSchema },
      },
    },
    async () => ({ items: await ctx.terms.current() }),
  );

  app.post(
    "/terms/accept",
    {
      // An act with legal weight: a read-only API token must not sign for its owner.
      config: { access: requires("account:write") },
      schema: {
        tags: ["terms"],
        summary: "Accept the current versions of the terms of use and the access policy",
        body: TermsAcceptSchema,
        response: { 200: TermsAcceptResultSchema },
      },
    },
    async (request) => {
      const user = request.principal.user;
      if (!user) throw unauthenticated();
      return ctx.terms.accept(user.id, request.body.termsVersionIds, actorOf(request), request.lang);
    },
  );

  app.post(
    "/terms/versions",
    {
      config: decide,
      schema: {
        tags: ["terms"],
        summary: "Publish a new version of the terms of use or the access policy; users accept it at next sign-in",
        body: TermsPublishSchema,
        response: { 201: TermsVersionSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await ctx.terms.publish(request.body, actorOf(request))),
  );
}
