import { readFile } from 'node:fs/promises';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Config } from './config.ts';

type TemporalSettings = Pick<Config, 'TEMPORAL_API_KEY' | 'TEMPORAL_TLS_CERT_PATH' | 'TEMPORAL_TLS_KEY_PATH'> & { address: string };

async function connectionOptions(settings: TemporalSettings) {
  const mtls =
    settings.TEMPORAL_TLS_CERT_PATH && settings.TEMPORAL_TLS_KEY_PATH
      ? {
          clientCertPair: {
            crt: await readFile(settings.TEMPORAL_TLS_CERT_PATH),
            key: await readFile(settings.TEMPORAL_TLS_KEY_PATH),
          },
        }
      : undefined;
  return {
    address: settings.address,
    // Temporal Cloud takes an API key over TLS, or mTLS with a client certificate.
    ...(settings.TEMPORAL_API_KEY ? { apiKey: settings.TEMPORAL_API_KEY, tls: true } : {}),
    ...(mtls ? { tls: mtls } : {}),
  };
}

type GrpcInterceptor = ReturnType<typeof makeGrpcRetryInterceptor>;

/**
 * The client's gRPC retries, bounded by the call's deadline. As the SDK sets them up they back off by 1.7 a
 * time up to 5 s between attempts whatever the deadline, and while the server is down each attempt also waits
 * out grpc's reconnect backoff: a call failed seconds past its deadline, and its retries went on after the
 * request had been answered (one that met a closed connection then threw from a timer). Here there is at most
 * half a second between attempts and none once the deadline has passed; `api/temporal.ts` also stops waiting
 * for a call soon after its deadline, since an attempt in flight may take longer to fail.
 */
export const retryWithinDeadline: GrpcInterceptor = (options, nextCall) => {
  const defaults = defaultGrpcRetryOptions({ maxIntervalMs: () => 500 });
  const deadline = options.deadline === undefined ? Infinity : new Date(options.deadline).getTime();
  return makeGrpcRetryInterceptor({
    delayFunction: defaults.delayFunction,
    retryableDecider: (attempt, status) => defaults.retryableDecider(attempt, status) && Date.now() < deadline,
  })(options, nextCall);
};

/** One client per process: the API uses it for every start, signal, update and query. */
export async function connectTemporalClient(settings: TemporalSettings, namespace: string): Promise<Client> {
  const connection = await Connection.connect({ ...(await connectionOptions(settings)), interceptors: [retryWithinDeadline] });
  return new Client({ connection, namespace });
}

export async function connectWorkerConnection(settings: TemporalSettings): Promise<NativeConnection> {
  return NativeConnection.connect(await connectionOptions(settings));
}
