/**
 * GENERATED from the pydantic command schemas and the view types (game_server/rules): do not edit.
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
  | GoToSort
  | Start
  | NextStep
  | BackStep
  | SkipCard
  | EndGame
  | AddCaseCard
  | WriteCase
  | ReorderCards
  | AddCard
  | RemoveCard
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
  | DeleteActionPoint
  | Seat
  | Unseat
  | ShowMessage
  | AskHelp
  | ClearHelp;
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
/**
 * A workshop's "all tables to sort now": the table leaves its card for sorting.
 */
export interface GoToSort {
  command_id: string;
  type: "go_to_sort";
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
/**
 * The facilitator writes a card of their own in the lobby: a statement, a scenario or
 * a case prompt, in Dutch and English (the content models' limits, as in a deck file).
 */
export interface AddCard {
  command_id: string;
  type: "add_card";
  kind: "statement" | "scenario" | "case";
  title?: LocalText | null;
  text: LocalText;
  minutes?: number | null;
}
/**
 * A text in Dutch (the default language) and English.
 */
export interface LocalText {
  nl: string;
  en: string;
}
/**
 * The facilitator takes a card out of the room before the game starts.
 */
export interface RemoveCard {
  command_id: string;
  type: "remove_card";
  card_id: string;
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
/**
 * The workshop seats its participant here, with their workshop id as player id.
 */
export interface Seat {
  command_id: string;
  type: "seat";
  player_id: string;
  name: string;
}
/**
 * The workshop moves its participant away (``moved_to``: the new table) or removes
 * them (None). Their post-its and pawns stay here.
 */
export interface Unseat {
  command_id: string;
  type: "unseat";
  player_id: string;
  moved_to?: string | null;
}
export interface ShowMessage {
  command_id: string;
  type: "show_message";
  message_id: string;
  text: string;
}
export interface AskHelp {
  command_id: string;
  type: "ask_help";
}
export interface ClearHelp {
  command_id: string;
  type: "clear_help";
}

export type Role =
  "facilitator" | "player" | "projector" | "guest" | "host" | "workshop" | "participant";
export type Language = "nl" | "en";
export type BoardKind = "scale" | "quadrant";
export type Phase =
  "lobby" | "read" | "place" | "discuss" | "revise" | "sort" | "summary" | "closed";
export type CardKind = "statement" | "scenario" | "case";
export type Pile = "red" | "green";
export type Colour = "green" | "pink";
export type ItemKind = "card" | "post_it" | "cluster";
export type Consensus = "consensus" | "mixed" | "discussion";
export type Verdict = "agree" | "differ" | "single";

/**
 * The snapshot one viewer gets (``views.view``).
 */
export interface View {
  code: string;
  title: string;
  created_at: number;
  /**
   * The code of the workshop this room is a table of; null for a room on its own.
   */
  workshop: string | null;
  table_name: string | null;
  me: Me;
  options: ViewOptions;
  board: Board;
  phase: Phase;
  current_card_id: string | null;
  can_go_back: boolean;
  agenda: string[];
  post_its_locked: boolean;
  timer: Timer | null;
  facilitator_player_id: string | null;
  cards: {
    [k: string]: Card;
  };
  players: {
    [k: string]: Player;
  };
  post_its: {
    [k: string]: PostIt;
  };
  action_points: {
    [k: string]: ActionPoint;
  };
  placements: {
    [k: string]: CardPlacements;
  };
  figures: {
    [k: string]: CardFigures | null;
  };
  /**
   * The cards after the current one: the ones ``reorder_cards`` may reorder.
   */
  remaining_cards: string[];
  /**
   * Where ``next_step`` goes after this card's revise; null: to sorting.
   */
  next_card_id: string | null;
  /**
   * Active players without a pawn in the round being placed (place and revise only).
   */
  still_to_place: string[];
  /**
   * Cards entered and not skipped, in agenda order: the ones sorted and summarised.
   */
  played_cards: string[];
  summary: Summary;
  spot_since: number;
  /**
   * When the game first left the lobby (ms since the epoch); null before it started.
   */
  started_at: number | null;
  /**
   * The workshop's latest broadcast shown at this table.
   */
  message: Message | null;
  /**
   * When this table asked the workshop's facilitator for help.
   */
  help_asked_at: number | null;
  plenary: Plenary;
  voting: Voting | null;
  /**
   * This viewer's own dots (nobody sees another's).
   */
  my_dots: MyDot[];
  clusters: {
    [k: string]: Cluster;
  };
  /**
   * A workshop's plenary room: the consensus picture across its tables; else null.
   */
  consensus: TablesConsensus | null;
  /**
   * The session plan the room was opened from, for the facilitator (and the host);
   * null for everyone else and in a room opened without a plan.
   */
  plan: ViewPlan | null;
}
/**
 * Who this view is for.
 */
export interface Me {
  role: Role;
  player_id: string | null;
}
/**
 * The room's ``Options`` as a view carries them: every field present (the command
 * side's ``Options`` has defaults, so its fields are optional there).
 */
export interface ViewOptions {
  hidden_placements: boolean;
  anonymous_post_its: boolean;
  minutes_per_card: number | null;
  language: Language;
}
export interface Board {
  id: string;
  kind: BoardKind;
  size: number;
  spec: BoardSpec;
}
/**
 * A board's content file (``content/models.py``: a scale has ``squares``, a quadrant
 * ``x_axis`` and ``y_axis``).
 */
export interface BoardSpec {
  id: string;
  kind: BoardKind;
  name: Text;
  squares?: Text[];
  x_axis?: AxisLabels;
  y_axis?: AxisLabels;
  placements: PlacementLabels;
}
/**
 * A text in one or more languages.
 */
export interface Text {
  nl?: string;
  en?: string;
}
export interface AxisLabels {
  low: Text;
  high: Text;
}
/**
 * What the first and the second placement mean on this board.
 */
export interface PlacementLabels {
  first: Text;
  second: Text;
}
export interface Timer {
  started_at: number;
  seconds: number;
  ends_at: number;
}
export interface Card {
  id: string;
  kind: CardKind;
  text: Text;
  title: Text | null;
  minutes: number | null;
  deck_id: string | null;
  author_id: string | null;
  /**
   * For a deck's case card once its case is written: the deck's prompt that led to it.
   */
  prompt: Text | null;
  /**
   * A deck's blank case card whose case is not written yet: ``text`` is a prompt.
   */
  to_write: boolean;
  started: boolean;
  skipped: boolean;
  reader_id: string | null;
  pile: Pile | null;
}
export interface Player {
  id: string;
  name: string;
  seat: number;
  colour: string;
  active: boolean;
  removed: boolean;
  /**
   * At a workshop's table: the table id this player was moved to.
   */
  moved_to: string | null;
}
/**
 * A post-it as one viewer sees it. ``suggested_pile``: the pile it goes on when
 * sorting starts, green for green, red for pink.
 */
export interface PostIt {
  id: string;
  card_id: string;
  colour: Colour;
  text: string;
  author_id: string | null;
  mine: boolean;
  created_at: number;
  edited_at: number | null;
  pile: Pile | null;
  resolved: boolean;
  /**
   * This viewer may edit and delete it now (the facilitator always; its author until
   * the post-its are locked).
   */
  can_edit: boolean;
  suggested_pile: Pile;
  /**
   * In a workshop's plenary room: the table it was gathered from; else null.
   */
  table_id: string | null;
  table_name: string | null;
  /**
   * In a plenary room: its author's name at that table, null when that table's post-its
   * were anonymous; null in every other room.
   */
  author_name: string | null;
  /**
   * In a plenary room: a table's card on that table's pile (``text`` is the card's
   * text), not a post-it; false in every other room.
   */
  pile_card: boolean;
}
export interface ActionPoint {
  id: string;
  what: string;
  who: string;
  first_step: string;
  evaluate_when: string;
  card_id: string | null;
  /**
   * The plenary item it was made from, if any.
   */
  item: ItemKind | null;
  item_id: string | null;
  created_at: number;
  edited_at: number | null;
}
export interface CardPlacements {
  first: RoundPlacements;
  second: RoundPlacements;
}
export interface RoundPlacements {
  hidden: boolean;
  /**
   * Player id -> position; null when placed but hidden from this viewer.
   */
  positions: {
    [k: string]: ScalePosition | QuadrantPosition | null;
  };
}
export interface ScalePosition {
  square: number;
}
export interface QuadrantPosition {
  x: number;
  y: number;
}
export interface CardFigures {
  first: RoundFigures | null;
  second: RoundFigures | null;
  shift: number | null;
  /**
   * Quadrant boards only: player id -> their move.
   */
  shifts?: {
    [k: string]: Shift;
  };
  suggested_pile: Pile | null;
}
export interface RoundFigures {
  count: number;
  /**
   * Scale boards only: square -> how many pawns.
   */
  distribution?: {
    [k: string]: number;
  };
  mean: number | QuadrantPosition | null;
  spread: number | null;
  consensus: Consensus | null;
}
/**
 * One player's move from the first to the second placement on a quadrant.
 */
export interface Shift {
  dx: number;
  dy: number;
  length: number;
}
/**
 * The plenary summary as ids into the view (``figures.summary``).
 */
export interface Summary {
  green_pile: PileContents;
  red_pile: PileContents;
  open_questions: string[];
  action_points: string[];
}
export interface PileContents {
  cards: string[];
  post_its: string[];
}
/**
 * A workshop's broadcast as a table shows it.
 */
export interface Message {
  id: string;
  text: string;
  at: number;
}
/**
 * The seed's three headings over the sorted items; each item under one.
 */
export interface Plenary {
  present: ItemRef[];
  develop: DevelopItem[];
  questions: ItemRef[];
  duplicates: Duplicate[];
}
/**
 * A plenary item: a card on a pile, a post-it, or a cluster (``rules/plenary.py``).
 */
export interface ItemRef {
  item: ItemKind;
  id: string;
}
export interface DevelopItem {
  item: ItemKind;
  id: string;
  /**
   * Its total once the votes are revealed, else null (for everyone).
   */
  dots: number | null;
}
/**
 * Two items whose texts are likely the same thing in other words.
 */
export interface Duplicate {
  a: ItemRef;
  b: ItemRef;
  score: number;
}
/**
 * A round of dot voting: its settings and progress, never whose dots are where.
 */
export interface Voting {
  dots: number;
  several_per_item: boolean;
  revealed: boolean;
  dots_placed: number;
  voters: number;
  /**
   * The game was ended and reopened: its voters were forgotten, so no dot can be placed
   * or taken back (``voting_closed``); it can still be revealed or cancelled.
   */
  sealed: boolean;
}
export interface MyDot {
  item: ItemKind;
  id: string;
  dots: number;
}
/**
 * Post-its the facilitator merged into one named item.
 */
export interface Cluster {
  id: string;
  name: string;
  post_it_ids: string[];
  post_its: number;
  /**
   * How many tables its post-its come from (a workshop's plenary room; else 0).
   */
  tables: number;
  created_at: number;
}
/**
 * Where a workshop's tables agree and where they differ: figures only, never a pawn.
 */
export interface TablesConsensus {
  tables: ConsensusTable[];
  cards: ConsensusCard[];
}
export interface ConsensusTable {
  id: string;
  name: string;
}
/**
 * One statement across the tables that played it (``rules/workshop/consensus.py``).
 */
export interface ConsensusCard {
  card_id: string;
  /**
   * Table id -> its figures; only the tables that placed pawns on this card.
   */
  tables: {
    [k: string]: TableRounds;
  };
  together: TableRounds;
  /**
   * How far apart the tables' means are (0..1, as ``spread``); null for one table.
   */
  between: number | null;
  verdict: Verdict;
}
/**
 * A card's figures per round, over one table's placements or all tables' together.
 */
export interface TableRounds {
  first: RoundFigures | null;
  second: RoundFigures | null;
}
/**
 * The session plan the room was opened from (``create_room``'s ``plan``).
 */
export interface ViewPlan {
  name: Text;
  opening: ViewPlanStep[];
  closing: ViewPlanStep[];
}
/**
 * A step of the session plan before or after the cards.
 */
export interface ViewPlanStep {
  title: Text;
  minutes: number;
  text: Text | null;
}

export type ProblemCode =
  | "missing"
  | "kind_missing"
  | "bad_kind"
  | "unknown_key"
  | "not_text"
  | "empty"
  | "too_long"
  | "bad_id"
  | "not_group"
  | "not_list"
  | "too_few"
  | "too_many"
  | "not_one_of"
  | "not_whole_number"
  | "too_small"
  | "too_large"
  | "duplicate_card_id"
  | "text_control"
  | "text_character"
  | "text_lines"
  | "invalid"
  | "no_board"
  | "not_a_deck"
  | "not_utf8"
  | "file_empty"
  | "not_a_map"
  | "yaml_syntax"
  | "yaml_tabs"
  | "yaml_colon"
  | "yaml_quote"
  | "yaml_indent"
  | "yaml_duplicate_key"
  | "file_too_big"
  | "unknown_file_kind"
  | "unpacks_too_big"
  | "not_xlsx"
  | "no_rows"
  | "unknown_column"
  | "text_column_needed"
  | "too_many_rows"
  | "unreadable"
  | "not_json";

/**
 * One problem as the deck routes answer it (docs/protocol.md, "Deck files").
 */
export interface DeckProblem {
  code: ProblemCode;
  params: {
    [k: string]: unknown;
  };
  message: string;
  field: string;
  card: number | null;
  line: number | null;
  row: number | null;
  column: string | null;
}
