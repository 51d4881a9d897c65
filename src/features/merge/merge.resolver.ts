import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from "type-graphql";
import { requireRole } from "../../auth/auth.guard";
import { Role } from "../../auth/auth.user";
import type { Context } from "../../context";
import { keyOf, now, primeNode } from "../../graph/common/mutation.run";
import { runMutation } from "../../graph/common/mutation.runner";
import { validateInput } from "../../graph/common/mutation.validate";
import { UserError, UserErrorCode, userError } from "../../graph/common/user-error.type";
import { MergeOrganisationsInput } from "../../graph/organisation/organisation.input";
import { Organisation } from "../../graph/organisation/organisation.type";
import { mergeOrganisations } from "./merge.writer";

@ObjectType()
export class MergeOrganisationsPayload {
  @Field(() => Organisation, { nullable: true, description: "The organisation that continues." })
  survivor!: Organisation | null;

  @Field(() => Organisation, { nullable: true, description: "The merged one, now INACTIVE." })
  merged!: Organisation | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@Resolver()
export class MergeResolver {
  @Mutation(() => MergeOrganisationsPayload, {
    nullable: true,
    description:
      "Folds a duplicate into the organisation that continues: its relationships move to the survivor, (survivor)-[:SUCCESSOR_OF]->(merged) records the merger and the merged one becomes INACTIVE. Admins.",
  })
  mergeOrganisations(
    @Arg("input", () => MergeOrganisationsInput, { validate: false }) input: MergeOrganisationsInput,
    @Ctx() ctx: Context,
  ): Promise<MergeOrganisationsPayload | null> {
    return runMutation(ctx, {
      authorise: () => requireRole(ctx.user, [Role.ADMIN], "Merging organisations"),
      parse: async (errors) => {
        errors.push(...(await validateInput(input, "input")));
        const survivor = keyOf("Organisation", input.survivor, "input.survivor", errors);
        const merged = keyOf("Organisation", input.merged, "input.merged", errors);
        if (!errors.length && survivor === merged)
          errors.push(
            userError("input.merged", UserErrorCode.INVALID, "An organisation cannot be merged into itself."),
          );
        return { survivor, merged };
      },
      write: (tx, { survivor, merged }) =>
        mergeOrganisations(tx, {
          survivor,
          survivorVersion: input.survivorVersion,
          merged,
          mergedVersion: input.mergedVersion,
          actor: ctx.user,
          now: now(),
        }),
      prime: (result) => {
        primeNode(ctx, "Organisation", result.survivor);
        primeNode(ctx, "Organisation", result.merged);
      },
      payload: (result, userErrors) =>
        Object.assign(new MergeOrganisationsPayload(), {
          survivor: result && Organisation.from(result.survivor),
          merged: result && Organisation.from(result.merged),
          userErrors,
        }),
    });
  }
}
