import { Args, Ctx, Query, Resolver } from "type-graphql";
import { requireRole } from "../../auth/auth.guard";
import { Role } from "../../auth/auth.user";
import type { Context } from "../../context";
import { badInput } from "../../errors";
import { connectionComplexity, pageWindow, toConnection } from "../../graph/common/connection.type";
import { encodeCursor } from "../../graph/common/cursor";
import { fromGlobalId } from "../../graph/common/global-id";
import { KEY } from "../../graph/common/mutation.validators";
import { type AuditFilter, AuditRepository } from "./audit.repository";
import { AuditEvent, AuditEventConnection, AuditLogArgs } from "./audit.type";

function filterOf(target: string | null | undefined): AuditFilter {
  if (target == null) return { targetType: null, targetId: null };
  const global = fromGlobalId(target);
  if (global) return { targetType: global.type, targetId: global.key };
  if (!KEY.test(target)) throw badInput(`target "${target.slice(0, 60)}" is not a node id or key.`, "target");
  return { targetType: null, targetId: target };
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    complexity: connectionComplexity,
    description: "The audit trail, newest first: who changed what, when. Admins only.",
  })
  async auditLog(
    @Args(() => AuditLogArgs) args: AuditLogArgs,
    @Ctx() ctx: Context,
  ): Promise<AuditEventConnection> {
    requireRole(ctx.user, [Role.ADMIN], "Reading the audit log");
    const window = pageWindow("auditLog", args);
    const filter = filterOf(args.target);
    const repository = ctx.repo(AuditRepository);
    const page = await repository.page(filter, window);
    const edges = page.items.map((props) => {
      const node = AuditEvent.from(props);
      return { node, cursor: encodeCursor("auditLog", { value: node.at, key: node.key }) };
    });
    return toConnection(AuditEventConnection, edges, page, () => repository.count(filter));
  }
}
