import {
  coreServices,
  createServiceFactory,
  type LoggerService,
  type RootLoggerService,
} from '@backstage/backend-plugin-api';

/**
 * A root logger that keeps every log call (level, message and meta
 * serialised, child fields included) in `lines`, so that a test can search
 * them for secrets and crashes.
 */
export class CapturedLogs {
  readonly lines: string[] = [];

  logger(fields: Record<string, unknown> = {}): RootLoggerService {
    const write = (level: string) => (message: string, meta?: unknown) => {
      let metaText: string;
      try {
        metaText = JSON.stringify({ ...fields, ...(meta as object) }, (_k, v) =>
          v instanceof Error ? { message: v.message, stack: v.stack } : v,
        );
      } catch {
        metaText = String(meta);
      }
      this.lines.push(`${level} ${message} ${metaText}`);
    };
    return {
      error: write('error'),
      warn: write('warn'),
      info: write('info'),
      debug: write('debug'),
      child: (childFields: Record<string, unknown>): LoggerService =>
        this.logger({ ...fields, ...childFields }),
    };
  }

  /** Replaces the root logger of a test backend. */
  factory() {
    return createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => this.logger(),
    });
  }
}
