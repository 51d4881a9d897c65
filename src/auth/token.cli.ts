import { parseArgs } from "node:util";
import { ConfigError, DEV_JWT_SECRET, loadConfig } from "../config";
import { Role } from "./auth.user";
import { SIGNABLE_ROLES, signToken } from "./token.sign";

const USAGE = `usage: npm run token -- --role member|coordinator|admin [--org <organisation key>] [--sub <id>] [--expires 8h]

Prints a bearer token signed with AUTH_JWT_SECRET (outside production: the development secret).
Use it as: curl -H "Authorization: Bearer <token>" …`;

/** The token `npm run token` prints for these arguments and environment, and notes for stderr. */
export async function tokenCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ token?: string; notes: string[] }> {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: "string" },
      org: { type: "string" },
      sub: { type: "string" },
      expires: { type: "string", default: "8h" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return { notes: [USAGE] };
  const role = SIGNABLE_ROLES.find((r) => r === values.role);
  if (!role) throw new ConfigError(`--role must be member, coordinator or admin.\n${USAGE}`);
  if (role === Role.MEMBER && !values.org) {
    throw new ConfigError(`a member token needs --org <organisation key>.\n${USAGE}`);
  }
  const config = loadConfig(env);
  if (!config.auth.jwtSecret) {
    throw new ConfigError("AUTH_JWT_SECRET is not set (with AUTH_JWKS_URL, tokens come from that issuer).");
  }
  const notes =
    config.auth.jwtSecret === DEV_JWT_SECRET
      ? ["note: signed with the development secret; it is refused when NODE_ENV=production."]
      : [];
  const token = await signToken(config.auth, {
    role,
    organisation: values.org ?? null,
    subject: values.sub,
    expiresIn: values.expires,
  });
  return { token, notes };
}

/** `npm run token`: a local development token for trying out mutations. */
if (require.main === module) {
  tokenCommand(process.argv.slice(2), process.env).then(
    ({ token, notes }) => {
      for (const note of notes) console.error(note);
      if (token) console.log(token);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
