import { readFile } from 'node:fs/promises';
import { Client, Connection } from '@temporalio/client';
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

/** One client per process: the API uses it for every start, signal, update and query. */
export async function connectTemporalClient(settings: TemporalSettings, namespace: string): Promise<Client> {
  const connection = await Connection.connect(await connectionOptions(settings));
  return new Client({ connection, namespace });
}

export async function connectWorkerConnection(settings: TemporalSettings): Promise<NativeConnection> {
  return NativeConnection.connect(await connectionOptions(settings));
}
