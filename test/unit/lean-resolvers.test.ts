import { type GraphQLObjectType, graphql } from "graphql";
import { Organisation } from "../../src/graph/organisation/organisation.type";
import { toGlobalId } from "../../src/graph/common/global-id";
import { createSchema } from "../../src/schema";

/** Lean execution (docs/decisions/0049, 2026-12-06): what resolves plain fields, and nodes read once. */
describe("lean resolvers", () => {
  it("leaves plain data fields to graphql-js's default resolver and keeps computed ones", async () => {
    const schema = await createSchema();
    const organisation = schema.getType("Organisation") as GraphQLObjectType;
    const fields = organisation.getFields();
    for (const plain of ["id", "key", "name", "kind", "scope"])
      expect(fields[plain]?.resolve).toBeUndefined();
    // Relations are answered by the planner's wrapper or their field resolver.
    expect(typeof fields.topics?.resolve).toBe("function");
    // A connection's totalCount is a method of the connection class: type-graphql still resolves it.
    const connection = schema.getType("OrganisationConnection") as GraphQLObjectType;
    expect(typeof connection.getFields().totalCount?.resolve).toBe("function");
  });

  it("reads a node's properties into its object, with defaults for missing or mistyped ones", () => {
    const read = Organisation.from({ id: "org-a", name: "Stichting A", kind: 7, scope: "REGIONAL" });
    expect(read).toBeInstanceOf(Organisation);
    expect(read).toMatchObject({
      id: toGlobalId("Organisation", "org-a"),
      key: "org-a",
      name: "Stichting A",
      kind: "",
      scope: "REGIONAL",
      status: "ACTIVE",
      website: null,
    });
  });

  it("answers plain fields from the object's properties through the default resolver", async () => {
    const schema = await createSchema();
    const query = schema.getQueryType()!.getFields();
    const original = query.organisation!.resolve;
    query.organisation!.resolve = () => Organisation.from({ id: "org-b", name: "B", scope: "NATIONAL" });
    try {
      const result = await graphql({
        schema,
        source: '{ organisation(id: "org-b") { id key name scope website } }',
        contextValue: { usePlanner: false },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        organisation: {
          id: toGlobalId("Organisation", "org-b"),
          key: "org-b",
          name: "B",
          scope: "NATIONAL",
          website: null,
        },
      });
    } finally {
      query.organisation!.resolve = original;
    }
  });
});
