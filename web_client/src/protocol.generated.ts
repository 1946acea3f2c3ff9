/**
 * GENERATED from the pydantic command schemas (game_server/rules): do not edit.
 * Regenerate with `.venv/bin/python scripts/protocol_types.py` (see docs/architecture.md).
 */

/**
 * Every command a client sends with the `command` event (docs/protocol.md).
 */
export type Command =
  | Join
  | Rejoin
  | Leave
  | RemovePlayer
  | HandOver
  | TakeBack
  | Start
  | NextStep
  | BackStep
  | SkipCard
  | EndGame
  | AddCaseCard
  | WriteCase
  | ReorderCards
  | PlacePawn
  | RevealPlacements
  | AddPostIt
  | EditPostIt
  | DeletePostIt
  | LockPostIts
  | UnlockPostIts
  | ResolvePostIt
  | StartTimer
  | ExtendTimer
  | StopTimer
  | SetPile
  | MergeItems
  | RenameCluster
  | SplitCluster
  | OpenVoting
  | PlaceDot
  | RemoveDot
  | RevealVotes
  | CancelVoting
  | AddActionPoint
  | EditActionPoint
  | DeleteActionPoint;
export type Position =
  | {
      square: number;
    }
  | {
      x: number;
      y: number;
    };

export interface Join {
  command_id: string;
  type: "join";
  name: string;
}
/**
 * Sent by the server when a player who had left enters again with their token.
 */
export interface Rejoin {
  command_id: string;
  type: "rejoin";
}
export interface Leave {
  command_id: string;
  type: "leave";
}
export interface RemovePlayer {
  command_id: string;
  type: "remove_player";
  player_id: string;
}
export interface HandOver {
  command_id: string;
  type: "hand_over";
  player_id: string;
}
export interface TakeBack {
  command_id: string;
  type: "take_back";
}
export interface Start {
  command_id: string;
  type: "start";
}
export interface NextStep {
  command_id: string;
  type: "next_step";
}
export interface BackStep {
  command_id: string;
  type: "back_step";
}
export interface SkipCard {
  command_id: string;
  type: "skip_card";
}
export interface EndGame {
  command_id: string;
  type: "end_game";
}
export interface AddCaseCard {
  command_id: string;
  type: "add_case_card";
  title?: string | null;
  text: string;
}
/**
 * The reader of a blank case card from a deck writes the case it asks for.
 */
export interface WriteCase {
  command_id: string;
  type: "write_case";
  title?: string | null;
  text: string;
}
export interface ReorderCards {
  command_id: string;
  type: "reorder_cards";
  /**
   * @maxItems 100
   */
  card_ids: string[];
}
export interface PlacePawn {
  command_id: string;
  type: "place_pawn";
  position: Position;
}
export interface RevealPlacements {
  command_id: string;
  type: "reveal_placements";
}
export interface AddPostIt {
  command_id: string;
  type: "add_post_it";
  colour: "green" | "pink";
  text: string;
  card_id?: string | null;
}
export interface EditPostIt {
  command_id: string;
  type: "edit_post_it";
  post_it_id: string;
  text?: string | null;
  colour?: ("green" | "pink") | null;
}
export interface DeletePostIt {
  command_id: string;
  type: "delete_post_it";
  post_it_id: string;
}
export interface LockPostIts {
  command_id: string;
  type: "lock_post_its";
}
export interface UnlockPostIts {
  command_id: string;
  type: "unlock_post_its";
}
export interface ResolvePostIt {
  command_id: string;
  type: "resolve_post_it";
  post_it_id: string;
  resolved?: boolean;
}
export interface StartTimer {
  command_id: string;
  type: "start_timer";
  seconds?: number | null;
}
export interface ExtendTimer {
  command_id: string;
  type: "extend_timer";
  seconds?: number;
}
export interface StopTimer {
  command_id: string;
  type: "stop_timer";
}
export interface SetPile {
  command_id: string;
  type: "set_pile";
  item: "card" | "post_it";
  id: string;
  pile: ("red" | "green") | null;
}
/**
 * Merge post-its and clusters into one cluster. When ``items`` holds a cluster the
 * others join the first cluster named (drag a post-it onto a cluster); otherwise a new
 * cluster is made, named ``name`` or after the first post-it.
 */
export interface MergeItems {
  command_id: string;
  type: "merge_items";
  /**
   * @minItems 2
   * @maxItems 50
   */
  items: [MergeRef, MergeRef, ...MergeRef[]];
  name?: string | null;
}
/**
 * An item to merge: a post-it, or a cluster (whose post-its all join).
 */
export interface MergeRef {
  item: "post_it" | "cluster";
  id: string;
}
export interface RenameCluster {
  command_id: string;
  type: "rename_cluster";
  cluster_id: string;
  name: string;
}
/**
 * Take one post-it out of a cluster, or (without ``post_it_id``) dissolve it.
 */
export interface SplitCluster {
  command_id: string;
  type: "split_cluster";
  cluster_id: string;
  post_it_id?: string | null;
}
/**
 * Start a round of dot voting (again: earlier dots are cleared).
 */
export interface OpenVoting {
  command_id: string;
  type: "open_voting";
  dots?: number;
  several_per_item?: boolean;
}
export interface PlaceDot {
  command_id: string;
  type: "place_dot";
  item: "card" | "post_it" | "cluster";
  id: string;
}
export interface RemoveDot {
  command_id: string;
  type: "remove_dot";
  item: "card" | "post_it" | "cluster";
  id: string;
}
export interface RevealVotes {
  command_id: string;
  type: "reveal_votes";
}
/**
 * Drop the round and its dots, revealed or not.
 */
export interface CancelVoting {
  command_id: string;
  type: "cancel_voting";
}
export interface AddActionPoint {
  command_id: string;
  type: "add_action_point";
  what: string;
  who: string;
  first_step: string;
  evaluate_when: string;
  card_id?: string | null;
  item?: ("card" | "post_it" | "cluster") | null;
  item_id?: string | null;
}
export interface EditActionPoint {
  command_id: string;
  type: "edit_action_point";
  action_point_id: string;
  what?: string | null;
  who?: string | null;
  first_step?: string | null;
  evaluate_when?: string | null;
}
export interface DeleteActionPoint {
  command_id: string;
  type: "delete_action_point";
  action_point_id: string;
}
