import { ArgsType, Field, Int } from "type-graphql";

/**
 * The Relay paging arguments every connection takes: `first`/`after` reads forward, `last`/`before`
 * backward (both bounds may be given; `first` and `last` together are refused). Checked by
 * `pageWindow` in connection.type.ts.
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: "Page size reading forward, default 20, at most 100." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge of the previous page." })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Page size reading backward (the items just before `before`, or the last ones), at most 100.",
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge of the next page." })
  before?: string | null;
}
