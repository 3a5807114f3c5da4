import { z } from "zod";
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

const IdParams = z.object({ id: z.uuid() });

export async function registerRegistrationsRoutes(app: AppInstance, ctx: AppContext) {
  const tags = ["registrations"];
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

  app.get(
    "/registrations",
    {
      config: review,
      schema: {
        tags,
        summary: "Approval queue (coordinators: every partner; focal points: their own partner)",
        querystring: RegistrationListQuerySchema,
        response: { 200: RegistrationListSchema },
      },
    },
    async (request) => ctx.registrations.list(request.principal, request.query, actorOf(request)),
  );

  app.get(
    "/registrations/stats",
    {
      config: decide,
      schema: {
        tags,
        summary: "Approval times by month: counts, median and 95th percentile hours, share within 48 hours",
        querystring: RegistrationStatsQuerySchema,
        response: { 200: RegistrationStatsSchema },
      },
    },
    async (request) => ctx.registrations.stats(request.query.months),
  );

  app.post(
    "/registrations/:id/vouch",
    {
      config: review,
      schema: {
        tags,
        summary: "Vouch for a request (focal point of the partner, or coordinator)",
        params: IdParams,
        body: VouchInputSchema,
        response: { 200: RegistrationSchema },
      },
    },
    async (request) => ctx.registrations.vouch(request.principal, request.params.id, request.body, actorOf(request)),
  );

  app.post(
    "/registrations/:id/decline",
    {
      config: review,
      schema: {
        tags,
        summary: "Recommend refusing a request, with a reason (a coordinator decides)",
        params: IdParams,
        body: DeclineInputSchema,
        response: { 200: RegistrationSchema },
      },
    },
    async (request) => ctx.registrations.decline(request.principal, request.params.id, request.body, actorOf(request)),
  );

  app.post(
    "/registrations/:id/approve",
    {
      config: decide,
      schema: {
        tags,
        summary: "Approve a request: creates the account and e-mails the registrant",
        params: IdParams,
        body: ApproveInputSchema,
        response: { 200: RegistrationSchema },
      },
    },
    async (request) => ctx.registrations.approve(request.principal, request.params.id, request.body, actorOf(request)),
  );

  app.post(
    "/registrations/:id/reject",
    {
      config: decide,
      schema: {
        tags,
        summary: "Reject a request with a reason, e-mailed to the registrant",
        params: IdParams,
        body: RejectInputSchema,
        response: { 200: RegistrationSchema },
      },
    },
    async (request) => ctx.registrations.reject(request.principal, request.params.id, request.body, actorOf(request)),
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
