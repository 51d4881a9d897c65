import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema, getMetadataStorage, type NonEmptyArray } from "type-graphql";
import { AuthResolver } from "./auth/auth.resolver";
import { MunicipalityActivityResolver, TopicActivityResolver } from "./features/activity/activity.resolver";
import { AuditResolver } from "./features/audit/audit.resolver";
import { FacetsResolver } from "./features/facets/facets.resolver";
import { MergeResolver } from "./features/merge/merge.resolver";
import {
  NetworkNodeResolver,
  NetworkResolver,
  SharedThingResolver,
} from "./features/network/network.resolver";
import { PartnersResolver } from "./features/partners/partners.resolver";
import { SearchResolver } from "./features/search/search.resolver";
import { WhoWorksOnResolver } from "./features/who-works-on/who-works-on.resolver";
import { ConditionResolver } from "./graph/condition/condition.resolver";
import { EventMutationResolver } from "./graph/event/event.mutation";
import { EventResolver } from "./graph/event/event.resolver";
import { ExperienceMutationResolver } from "./graph/experience/experience.mutation";
import { ExperienceResolver } from "./graph/experience/experience.resolver";
import { InitiativeMutationResolver } from "./graph/initiative/initiative.mutation";
import { InitiativeResolver } from "./graph/initiative/initiative.resolver";
import { NodeResolver } from "./graph/node/node.resolver";
import { OrganisationMutationResolver } from "./graph/organisation/organisation.mutation";
import { OrganisationResolver } from "./graph/organisation/organisation.resolver";
import { MunicipalityResolver, ProvinceResolver } from "./graph/place/place.resolver";
import { TopicResolver } from "./graph/topic/topic.resolver";
import { installPlanner } from "./planner/planner";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  NodeResolver,
  OrganisationResolver,
  TopicResolver,
  ConditionResolver,
  MunicipalityResolver,
  ProvinceResolver,
  InitiativeResolver,
  EventResolver,
  ExperienceResolver,
  WhoWorksOnResolver,
  SearchResolver,
  FacetsResolver,
  PartnersResolver,
  OrganisationMutationResolver,
  ExperienceMutationResolver,
  InitiativeMutationResolver,
  EventMutationResolver,
  MergeResolver,
  AuditResolver,
  AuthResolver,
  NetworkResolver,
  NetworkNodeResolver,
  SharedThingResolver,
  MunicipalityActivityResolver,
  TopicActivityResolver,
];

/**
 * Plain data fields (no middleware, no roles, property named like the field) resolve with graphql-js's
 * default resolver instead of type-graphql's wrapper, which allocated a resolver-data object and a
 * closure per field value: thousands per whoWorksOn page (docs/decisions/0049, 2026-12-06). Fields
 * computed by a method or a field resolver keep type-graphql's resolvers.
 */
function plainFieldsResolveByDefault(): void {
  for (const field of getMetadataStorage().fields) {
    if (field.simple !== undefined || field.middlewares?.length || field.roles?.length) continue;
    if (field.schemaName === field.name) field.simple = true;
  }
}

let cached: Promise<GraphQLSchema> | undefined;

/** The GraphQL schema, built once per process from the type-graphql classes. */
export function createSchema(): Promise<GraphQLSchema> {
  if (!cached) plainFieldsResolveByDefault();
  cached ??= buildSchema({
    resolvers: RESOLVERS,
    validate: { forbidUnknownValues: false },
  }).then(installPlanner);
  return cached;
}
