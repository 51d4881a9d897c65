import type { Queryable } from "../../db/database";
import { WORKS_IN_RELATIONSHIPS, topicClosure } from "../../domain";
import { freshness, municipalityTopicRows } from "../../graph/common/aggregates.fragments";
import type { Props } from "../../graph/common/node.repository";

export interface TopicCount {
  topic: Props;
  organisationCount: number;
  experienceCount: number;
}

export interface PlaceCount {
  place: Props;
  labels: string[];
  organisationCount: number;
  experienceCount: number;
}

/**
 * A subquery over municipality variable `m`: the topics worked on there (as `TopicCount`s), ranked by the
 * number of organisations (active in or based in it, or regional and active in its province), then by
 * experiences located there; the first `limit` (a parameter) of them, as list `out`. Reads the counts
 * maintained on write (decision 0048), or counts them from the graph when a write went around the
 * maintenance. The read planner composes it into its query for `municipality { topics }`.
 */
export function topicsInMunicipality(m: string, limit: string, out: string): string {
  return `CALL (${m}) {
         ${freshness("fresh")}
         CALL (${m}, fresh) {
           WITH ${m} WHERE fresh
           MATCH (c:MunicipalityTopics {municipality: ${m}.code})
           UNWIND range(0, size(c.topics) - 1) AS i
           MATCH (t:Topic {id: c.topics[i]})
           RETURN t, c.organisations[i] AS organisationCount, c.experiences[i] AS experienceCount
           UNION ALL
           WITH ${m} WHERE NOT fresh
           OPTIONAL MATCH (${m})-[:IN_PROVINCE]->(mp:Province)
           ${municipalityTopicRows(m, "mp")}
           RETURN t, organisationCount, experienceCount
         }
         WITH t, sum(organisationCount) AS organisationCount, sum(experienceCount) AS experienceCount
         ORDER BY organisationCount DESC, experienceCount DESC, t.sortKey, t.id
         RETURN collect({topic: properties(t), organisationCount: organisationCount, experienceCount: experienceCount})[0..toInteger(${limit})] AS ${out}
       }`;
}

/** The reverse questions: which topics are worked on in a place, and where a topic is worked on. */
export class ActivityRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * For each municipality: topics worked on there, ranked by the number of organisations (active in or
   * based in it, or regional and active in its province), then by experiences located there.
   */
  async topicsInMunicipalities(codes: readonly string[], limit: number): Promise<TopicCount[][]> {
    const rows = await this.db.read(
      `UNWIND $codes AS code
       OPTIONAL MATCH (m:Municipality {code: code})
       ${topicsInMunicipality("m", "$limit", "topics")}
       RETURN code, topics`,
      { codes, limit },
    );
    const byCode = new Map(rows.map((r) => [r.code as string, r.topics as TopicCount[]]));
    return codes.map((c) => byCode.get(c) ?? []);
  }

  /**
   * For each topic (with its subtopics): provinces and municipalities where it is worked on, ranked.
   * Counts where organisations are active or based themselves (a regional organisation is not spread
   * over every municipality of its province here), and experiences located there.
   */
  async placesOfTopics(
    topicIds: readonly string[],
    includeSubtopics: boolean,
    limit: number,
  ): Promise<{ provinces: PlaceCount[]; municipalities: PlaceCount[] }[]> {
    const rows = await this.db.read(
      `UNWIND $topicIds AS topicId
       OPTIONAL MATCH (root:Topic {id: topicId})
       ${topicClosure("root")}
       CALL (topics) {
         UNWIND topics AS t
         MATCH (t)<-[:WORKS_ON]-(o:Organisation)-[:${WORKS_IN_RELATIONSHIPS}]->(x)
         WHERE x:Municipality OR x:Province
         WITH DISTINCT o, x
         CALL (x) { RETURN x AS place UNION MATCH (x)-[:IN_PROVINCE]->(place:Province) RETURN place }
         RETURN place, count(DISTINCT o) AS organisationCount, 0 AS experienceCount
         UNION ALL
         UNWIND topics AS t
         MATCH (t)<-[:ABOUT]-(e:Experience)-[:IN]->(x)
         WITH DISTINCT e, x
         CALL (x) { RETURN x AS place UNION MATCH (x)-[:IN_PROVINCE]->(place:Province) RETURN place }
         RETURN place, 0 AS organisationCount, count(DISTINCT e) AS experienceCount
       }
       WITH topicId, place, sum(organisationCount) AS organisationCount, sum(experienceCount) AS experienceCount
       ORDER BY organisationCount DESC, experienceCount DESC, place.sortKey, place.code
       WITH topicId, collect({place: properties(place), labels: labels(place), organisationCount: organisationCount, experienceCount: experienceCount}) AS places
       RETURN topicId,
              [p IN places WHERE 'Province' IN p.labels][0..toInteger($limit)] AS provinces,
              [p IN places WHERE 'Municipality' IN p.labels][0..toInteger($limit)] AS municipalities`,
      { topicIds, deep: includeSubtopics, limit },
    );
    const byId = new Map(
      rows.map((r) => [
        r.topicId as string,
        { provinces: r.provinces as PlaceCount[], municipalities: r.municipalities as PlaceCount[] },
      ]),
    );
    return topicIds.map((id) => byId.get(id) ?? { provinces: [], municipalities: [] });
  }
}
