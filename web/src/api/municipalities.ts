import { useEffect, useState } from "react";
import { VerkennerMunicipalitiesDocument, type VerkennerMunicipalitiesQuery } from "../gql/graphql";
import { request } from "./graphql.client";

export type MunicipalityItem = VerkennerMunicipalitiesQuery["municipalities"]["edges"][number]["node"];

let cached: Promise<MunicipalityItem[]> | undefined;

/** All municipalities, current and former (a few pages of 100), fetched once per visit. */
function loadAll(): Promise<MunicipalityItem[]> {
  cached ??= (async () => {
    const all: MunicipalityItem[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page++) {
      const data = await request(VerkennerMunicipalitiesDocument, { after });
      all.push(...data.municipalities.edges.map((e) => e.node));
      if (!data.municipalities.pageInfo.hasNextPage || !data.municipalities.pageInfo.endCursor) break;
      after = data.municipalities.pageInfo.endCursor;
    }
    return all;
  })();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

export function useMunicipalities(): MunicipalityItem[] | undefined {
  const [list, setList] = useState<MunicipalityItem[]>();
  useEffect(() => {
    let live = true;
    loadAll().then(
      (all) => live && setList(all),
      () => live && setList([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return list;
}
