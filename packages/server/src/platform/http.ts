/**
 * HTTP plumbing shared by every route: the zod-typed Fastify instance, the actor of a request,
 * the error handler that turns AppError, validation and unknown errors into localised answers.
 */
import { errorMessage, type Locale } from '@kycuong/domain';
import type {
  FastifyBaseLogger,
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from './access';
import { AppError, errors, type FieldError } from './errors';

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The signed-in actor, or 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw errors.unauthenticated();
  return request.actor;
}

/** The language of the answer: the user's preference, else Accept-Language, else Vietnamese. */
export function localeOf(request: FastifyRequest): Locale {
  if (request.actor) return request.actor.locale;
  const h = request.headers['accept-language'];
  return typeof h === 'string' && /^en\b/i.test(h.trim()) ? 'en' : 'vi';
}

const FIELD_PREFIX: Record<string, { vi: string; en: string }> = {
  body: { vi: 'Trường', en: 'Field' },
  querystring: { vi: 'Tham số', en: 'Parameter' },
  params: { vi: 'Tham số đường dẫn', en: 'Path parameter' },
};

function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: AppError['code'],
  params: Record<string, string | number>,
  fields?: FieldError[],
) {
  const locale = localeOf(request);
  let message = errorMessage(code, locale, params);
  if (fields?.length) message += `: ${fields.map((f) => `${f.path} — ${f.message}`).join('; ')}`;
  return reply.status(status).send({ error: { code, message, ...(fields ? { fields } : {}), requestId: request.id } });
}

export function errorHandler(err: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return sendError(reply, request, err.status, err.code, err.params, err.fields);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as FastifyError).validationContext ?? 'body';
    const locale = localeOf(request);
    const fields = err.validation.map((v) => {
      const path =
        v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String((v.params.issue as { path?: unknown[] })?.path?.join('.') ?? '');
      const prefix = FIELD_PREFIX[context]?.[locale] ?? '';
      return { path: path || context, message: v.message ?? prefix, code: String(v.keyword) };
    });
    return sendError(reply, request, 400, 'validation_failed', {}, fields);
  }
  const fe = err as FastifyError;
  if (fe.statusCode === 429) return sendError(reply, request, 429, 'rate_limited', {});
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.statusCode === 413) return sendError(reply, request, 413, 'payload_too_large', {});
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 && !isResponseSerializationError(err)) {
    // Malformed JSON, wrong content type and the like: still a 400 naming what is wrong.
    return sendError(reply, request, fe.statusCode, 'validation_failed', {}, [
      { path: 'body', message: fe.message, code: fe.code ?? 'invalid' },
    ]);
  }
  request.log.error({ err }, 'unhandled error');
  return sendError(reply, request, 500, 'internal', { requestId: request.id });
}
