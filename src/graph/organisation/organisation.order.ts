import { OrderByInput } from "../common/order";
import { OrganisationOrderField } from "./organisation.filter";

export const OrganisationOrderBy = OrderByInput(
  OrganisationOrderField,
  "OrganisationOrderBy",
  OrganisationOrderField.NAME,
);
export type OrganisationOrderBy = InstanceType<typeof OrganisationOrderBy>;
