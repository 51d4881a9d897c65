import { Ctx, Field, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import type { Context } from "../context";
import { Role } from "./auth.user";

registerEnumType(Role, {
  name: "Role",
  description: "What a caller may do: anonymous reads; the others come from a verified bearer token.",
  valuesConfig: {
    ANONYMOUS: { description: "No token: public data only." },
    MEMBER: { description: "Acts for one organisation: its profile, its experiences, joining initiatives." },
    COORDINATOR: { description: "Runs initiatives and events; sees contact details." },
    ADMIN: { description: "Everything, including creating and merging organisations and the audit log." },
  },
});

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
