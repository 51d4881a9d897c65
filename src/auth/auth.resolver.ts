import { Ctx, Field, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../context";
import { Role } from "./auth.user";
import { describeEnum } from "../graph/common/graph-enum";

describeEnum(
  Role,
  "Role",
  "What a caller may do: anonymous reads; the others come from a verified bearer token.",
  {
    ANONYMOUS: "No token: public data only.",
    MEMBER: "Acts for one organisation: its profile, its experiences, joining initiatives.",
    COORDINATOR: "Runs initiatives and events; sees contact details.",
    ADMIN: "Everything, including creating and merging organisations and the audit log.",
  },
);

@ObjectType({ description: "Who the API takes the caller to be." })
export class Viewer {
  @Field(() => Role)
  role!: Role;

  @Field(() => String, { nullable: true, description: "Key of the organisation the token is for." })
  organisation!: string | null;
}

@Resolver()
export class AuthResolver {
  @Query(() => Viewer, { description: "The caller's role and organisation, from the bearer token." })
  viewer(@Ctx() ctx: Context): Viewer {
    return Object.assign(new Viewer(), { role: ctx.user.role, organisation: ctx.user.organisation });
  }
}
