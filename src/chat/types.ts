/**
 * The citizen assistant's conversation state and the effects it asks of its host. The engine
 * (./engine.ts) is a pure step: (state, what the citizen typed, effects) → (new state, replies). The
 * server's effects (server/chat/effects.ts) reach the one-time codes, the grievance store, the workflow
 * and the triage model; a kiosk's guided mode can give the same engine effects over HTTP.
 */
import type { Lang } from '../domain/messages';
import type { Status } from '../domain/workflow';
import type { ChatKey } from './strings';

/**
 * `photo`: this reply asks for the optional photo of a registration; its first choice ("Add a photo") is
 * sent once the photo is with the server (the public page uploads it, WhatsApp sends it as an image).
 */
export interface ChatMessage { text: string; choices?: string[]; photo?: true }

/** Who a code goes to: a mobile, narrowed to one grievance when the citizen named it (number or receipt). */
export interface CodeSubject { mobile: string; number?: string; receipt?: string }

export type CodePurpose = 'feedback' | 'register';

export type CodeChecked = { ok: true } | { ok: false; reason: 'otp.none' | 'otp.expired' | 'otp.wrong' | 'otp.locked'; triesLeft: number };

/** What a citizen is told of one of their grievances, once their code is right. */
export interface GrievanceFacts {
  number: string;
  status: Status;
  departmentCode: string;
  districtCode: string;
  registeredAt: string;
  outcome: string | null;
  canFeedback: boolean;
  canReopen: boolean;
}

/** What the triage model and the gazetteer read in a description. */
export interface Understood {
  modelVersion: string;
  department: string;
  category: string | null;
  confidence: number;
  suggest: boolean;
  top3: string[];
  districts: string[];
  areaType: 'rural' | 'urban' | null;
  /** A place below the district named in the text (tehsil, block, town), as written. */
  place: string | null;
}

/** A grievance being registered by chat. */
export interface Draft {
  description?: string;
  understood?: Understood;
  departmentCode?: string;
  categoryCode?: string | null;
  districtCode?: string;
  areaType?: 'rural' | 'urban';
  place?: string;
  name?: string;
  mobile?: string;
  mobileVerified?: boolean;
  deptConfirmed?: boolean;
  /** The optional photo: added (kept by the host for this conversation) or skipped; unset until asked. */
  photo?: 'added' | 'skipped';
}

export type Outcome = { ok: true } | { ok: false; reason: string };

export interface ChatEffects {
  /**
   * The kiosk's guided mode: an operator runs the dialogue for a walk-in citizen, offline. Only
   * registration and common questions are offered; the mobile is not verified by a code (the operator
   * attests it, and the citizen's consent, when confirming, as on the intake form); the other effects
   * (codes, grievances, feedback, hand-off) are never asked for.
   */
  guided?: true;
  /**
   * Sends a code for `subject` (to the grievance's mobile when it names one and the mobile typed is
   * that mobile; otherwise nothing is sent, and the answer is the same: nothing is revealed).
   */
  sendCode(purpose: CodePurpose, subject: CodeSubject, lang: Lang): Promise<{ ok: true } | { ok: false; retryAfterS: number }>;
  checkCode(purpose: CodePurpose, subject: CodeSubject, code: string): Promise<CodeChecked>;
  /** The grievances a verified subject opens (newest first). */
  grievances(subject: CodeSubject): Promise<GrievanceFacts[]>;
  feedback(number: string, subject: CodeSubject, satisfaction: 'satisfied' | 'not_satisfied', note: string | null, lang: Lang): Promise<Outcome>;
  reopen(number: string, subject: CodeSubject, reason: string, lang: Lang): Promise<Outcome>;
  /**
   * Registers the grievance: its official number; or, in guided mode, the receipt number it was saved
   * under on the kiosk (`receipt: true`: numbered by the server once the outbox sends it).
   */
  register(draft: Required<Pick<Draft, 'description' | 'departmentCode' | 'districtCode' | 'areaType' | 'name' | 'mobile'>> & Draft, lang: Lang): Promise<({ ok: true; number: string; receipt?: true }) | { ok: false; reason: string }>;
  understand(text: string): Promise<Understood>;
  /**
   * The photo the host keeps for this conversation (uploaded on the public page, or sent on WhatsApp),
   * attached by `register`. Absent (the kiosk's guided mode, which has the form's own attachments): no
   * photo is offered.
   */
  photo?(): Promise<{ bytes: number; type: string } | null>;
  /** Saves the conversation for the 181 helpline; its reference. */
  handoff(lang: Lang): Promise<{ ref: string }>;
}

/** What the last question expects. */
export type Await =
  | 'intent' | 'query' | 'mobile' | 'code' | 'pick' | 'satisfied' | 'reason' | 'reopen' | 'faq'
  | 'description' | 'dept' | 'deptPick' | 'district' | 'area' | 'place' | 'photo' | 'name' | 'regMobile' | 'regCode' | 'confirm';

export interface ChatState {
  v: 1;
  flow: 'menu' | 'status' | 'feedback' | 'register' | 'faq';
  await: Await;
  /** The buttons last offered, as keys (their labels are read back in either language). */
  offered: ChatKey[];
  /** Other options last offered as buttons (grievance numbers, departments, questions). */
  options: string[];
  subject?: CodeSubject;
  verified?: boolean;
  /** Wrong codes typed since the last code was sent (when the host cannot say: no code for this). */
  codeTries?: number;
  picked?: string;
  reason?: string;
  draft?: Draft;
}

export const newState = (): ChatState => ({ v: 1, flow: 'menu', await: 'intent', offered: [], options: [] });
