/**
 * The cross-table plenary's additions to the view (PLENARY.md), declared here until the
 * generated types carry them: imported post-its name their table and author, a cluster
 * counts its tables, and a plenary room's view has the consensus picture across tables.
 */

import type { RoundFigures } from "./protocol.generated";

export type Verdict = "agree" | "differ" | "single";

export interface TableRounds {
  first: RoundFigures | null;
  second: RoundFigures | null;
}

export interface ConsensusCard {
  card_id: string;
  tables: { [k: string]: TableRounds };
  together: TableRounds;
  between: number | null;
  verdict: Verdict;
}

export interface TablesConsensus {
  tables: { id: string; name: string }[];
  cards: ConsensusCard[];
}

declare module "./protocol.generated" {
  interface PostIt {
    table_id?: string | null;
    table_name?: string | null;
    author_name?: string | null;
    pile_card?: boolean;
  }
  interface Cluster {
    tables?: number;
  }
  interface View {
    consensus?: TablesConsensus | null;
  }
}
