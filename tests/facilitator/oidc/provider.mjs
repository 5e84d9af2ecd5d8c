// A real OpenID provider for the login tests: node provider.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI
// Plain http on 127.0.0.1 (only for tests). Its development login form accepts any login and password: the
// login typed in becomes the account, and the account's e-mail address is that login.
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      // Streamlit's logout sends the browser through the provider and back to the same callback.
      post_logout_redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id };
      },
    };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Streamlit reads the user from the ID token, so the requested claims go into it.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
});

// Streamlit asks for prompt=select_account, which this provider does not know; it has no account picker, so it
// shows its login form instead (there the test chooses the account).
provider.use(async (ctx, next) => {
  if (ctx.path === '/auth' && ctx.query.prompt === 'select_account') {
    ctx.query = { ...ctx.query, prompt: 'login' };
  }
  await next();
});

provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
