// The key that proves a webhook came from this server, and how a receiver checks it.
import { useQuery } from '@urql/preact';
import { graphql } from '../../generated/gql.js';
import { CopyableValue } from '../../ui/copy-button.js';
import { ErrorNotice } from '../../ui/errors.js';

const SigningKey = graphql(`
  query WebhooksPageSigningKey {
    webhookSigningKey {
      algorithm
      publicKey
      publicKeyPem
    }
  }
`);

const SNIPPET = `import { verifyWebhook } from './verify-webhook.js';

const ok = await verifyWebhook({
  body: rawBody, // the bytes as received, not re-serialised JSON
  signature: req.headers['video-rooms-signature-ed25519'],
  timestamp: req.headers['video-rooms-timestamp'],
  publicKey, // the key above
}); // false when altered, forged or older than 5 minutes`;

export function SigningKeyCard() {
  const [result] = useQuery({ query: SigningKey });
  const key = result.data?.webhookSigningKey;
  return (
    <section class="card signing-key" aria-labelledby="signing-key-title">
      <h2 id="signing-key-title">Signing key</h2>
      <ErrorNotice error={result.error} what="The signing key could not be loaded" />
      {key && (
        <>
          <p class="muted small">Every webhook is signed with this server's {key.algorithm} key. Check the signature before trusting a request.</p>
          <CopyableValue value={key.publicKey} what="public key" />
          <details>
            <summary>The same key as PEM</summary>
            <CopyableValue value={key.publicKeyPem.trim()} what="PEM key" pre />
          </details>
          <h3>How to verify</h3>
          <ol class="small verify-steps">
            <li>
              Read the headers <code>video-rooms-signature-ed25519</code> (base64 signature) and <code>video-rooms-timestamp</code> (Unix seconds).
            </li>
            <li>
              The signature covers <code>&lt;timestamp&gt;|&lt;raw body&gt;</code>; refuse old timestamps to stop replays.
            </li>
            <li>
              Or use the helper that ships with the SDK, <code>client/webhooks/verify-webhook.ts</code> (WebCrypto: Node 20+, Deno, Bun):
            </li>
          </ol>
          <pre class="snippet">{SNIPPET}</pre>
        </>
      )}
    </section>
  );
}
