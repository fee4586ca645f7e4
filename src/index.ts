/**
 * Aftercare core: the ticket model, workflow state machine and the engines built on
 * them. Free of DOM and I/O: runs in Node 20+, browsers and mini-program logic layers.
 * @packageDocumentation
 */

export {
  ACTOR_ROLES,
  AGENT_ROLES,
  CHANNELS,
  CUSTOMER_TIERS,
  LOCALES,
  PRIORITIES,
  STATUS_CATEGORIES,
  TICKET_STATUS,
  TICKET_TYPES,
} from './model/constants.js';
export {
  AftercareError,
  AuthError,
  ConflictError,
  NotFoundError,
  QueuedError,
  StorageError,
  TransportError,
  VALIDATION_ISSUE_CODES,
  ValidationError,
  WorkflowDefinitionError,
  WorkflowError,
} from './errors.js';
export { createTicket, workflowForType } from './model/create-ticket.js';
export { validateTicketInput } from './model/new-ticket.js';
export type { ValidTicketInput } from './model/new-ticket.js';
export { generateId } from './model/ids.js';
export { LIMITS } from './model/schema.js';
export {
  attachmentIssues,
  attachmentPolicy,
  cleanAttachmentName,
  DEFAULT_ATTACHMENT_POLICY,
  isAttachmentTypeAllowed,
  safeAttachmentUrl,
} from './model/attachments.js';
export type { AttachmentPolicy } from './model/attachments.js';
export {
  createTicketNumberer,
  formatTicketNumber,
  parseTicketNumber,
  provisionalTicketNumber,
} from './model/ticket-number.js';
export { ticketTimeline } from './model/timeline.js';
export { createWorkflow } from './workflow/create-workflow.js';
export {
  installationWorkflow,
  installationWorkflowDefinition,
  STANDARD_STATUSES,
  standardActions,
  standardWorkflow,
  standardWorkflowDefinition,
} from './workflow/standard-workflow.js';
export { workflowDefinitionProblems } from './workflow/validate-definition.js';
export { builtInStatuses, builtInWorkflowId } from './workflow/built-in-statuses.js';
export type { StatusVocabulary } from './workflow/built-in-statuses.js';
export { ALWAYS_OPEN, CalendarError, createCalendar, WEEKDAYS } from './sla/calendar.js';
export { CHINA_WORKDAY_ADJUSTMENTS, chinaWorkdays } from './sla/china-workdays.js';
export { evaluateSla, nextSlaDeadline } from './sla/evaluate.js';
export { slaStatement, ticketSlaOf } from './sla/statement.js';
export type { SlaStatement, SlaStatementMetric } from './sla/statement.js';
export { compileCondition, distanceKm, FIELD_OPERATORS, foldText, RuleError } from './rules/conditions.js';
export { computeAgentLoads, createRouter, ROUTING_STRATEGIES } from './routing/create-router.js';
export type { Automation, AutomationConfig, AutomationContext, AutomationResult, NotificationEffect } from './automation/create-automation.js';
export type { AutomationAction, AutomationEvent, AutomationRule, AutomationTrigger, NotifyChannel } from './automation/types.js';
export type { TicketPatch, UpdateContext } from './model/update-ticket.js';
export { createAutomation } from './automation/create-automation.js';
export { AUTOMATION_EVENTS, NOTIFY_CHANNELS } from './automation/types.js';
export { ticketPatchSchema, updateTicket } from './model/update-ticket.js';
export {
  DEFAULT_PAUSE_STATUSES,
  matchesSlaConditions,
  SLA_METRICS,
  selectSlaPolicy,
  SlaPolicyError,
  validateSlaPolicy,
} from './sla/policy.js';
// Intake: inbound channel messages and duplicate detection.
export { normalizeInbound } from './intake/normalize-inbound.js';
export { htmlToText, stripQuotedHistory } from './intake/email-text.js';
export { findDuplicates, textSimilarity } from './intake/find-duplicates.js';
// Knowledge: Chinese/English help-centre search, article drafts and canned responses.
export { createKnowledgeIndex, knowledgeIndexFromJSON, RECOMMENDED_MIN_CONFIDENCE } from './knowledge/create-knowledge-index.js';
export { DEFAULT_SYNONYMS } from './knowledge/synonyms.js';
export { foldForSearch, tokenizeForSearch } from './knowledge/tokenize.js';
export { pinyinSupported } from './knowledge/pinyin.js';
export { articleFromTicket } from './knowledge/article-from-ticket.js';
export { createMacro, macroArticle, macroContext, renderMacro } from './knowledge/macros.js';

export type {
  ActorRole,
  AgentRole,
  Audience,
  Channel,
  CustomerTier,
  Locale,
  Priority,
  StandardStatus,
  StatusCategory,
  TicketStatus,
  TicketType,
  Visibility,
} from './model/constants.js';
export type { TransportErrorCode, ValidationIssue, ValidationIssueCode, WorkflowErrorCode } from './errors.js';
export type { CreateTicketOptions } from './model/create-ticket.js';
export type { MessageInput, RatingInput, TicketInput } from './model/schema.js';
export type { TicketNumberer, TicketNumberOptions } from './model/ticket-number.js';
export type {
  Actor,
  Agent,
  AssignedEvent,
  AttachmentMeta,
  AutomationFiredEvent,
  ContactInfo,
  Customer,
  CustomFieldValue,
  EscalatedEvent,
  FieldChangedEvent,
  GeoPoint,
  IsoDate,
  IsoDateTime,
  LinkedEvent,
  Location,
  MergedEvent,
  NoteEvent,
  Product,
  RatedEvent,
  ReplyEvent,
  Resolution,
  Satisfaction,
  StatusChangedEvent,
  Ticket,
  TicketCreatedEvent,
  TicketEvent,
  TicketEventBase,
  TicketEventType,
  TicketRef,
} from './model/types.js';
export { changeCollaborators, linkSubtask, mergeTickets, sameCustomer } from './model/ticket-links.js';
export type { CollaboratorChange, LinkContext } from './model/ticket-links.js';
export type { MergeInput, MergeResult, SplitInput, SplitResult } from './client/types.js';
export type { ActingOptions } from './client/create-client.js';
export { warrantyStatus } from './model/warranty.js';
export type { WarrantyOptions, WarrantyStatus } from './model/warranty.js';
export type { Workflow } from './workflow/create-workflow.js';
export type { BusinessCalendar, CalendarSpec, DayHours, Weekday } from './sla/calendar.js';
export type { WorkdayAdjustments } from './sla/china-workdays.js';
export type {
  EvaluateSlaOptions,
  SlaDeadline,
  SlaEscalationEffect,
  SlaEvaluation,
  SlaMetricStatus,
  SlaState,
} from './sla/evaluate.js';
export type { EscalationAction, EscalationStep, SlaConditions, SlaMetric, SlaPolicy } from './sla/policy.js';
export type { Condition, ConditionField, ConditionOperator, FieldCondition, Predicate } from './rules/conditions.js';
export type {
  AgentLoad,
  CandidateTrace,
  DropReason,
  DryRunReport,
  RoundRobinState,
  RouteContext,
  Router,
  RouterConfig,
  RouteResult,
  RouteTrace,
  RoutingActions,
  RoutingRule,
  RoutingStrategy,
} from './routing/create-router.js';
export type { StandardWorkflowOptions } from './workflow/standard-workflow.js';
export type {
  ActionDefinition,
  AvailableAction,
  EffectName,
  GuardDefinition,
  GuardKind,
  LocalizedText,
  StatusDefinition,
  TimeInput,
  TimestampField,
  TransitionContext,
  TransitionDefinition,
  TransitionResult,
  WorkflowDefinition,
} from './workflow/types.js';
// Intake: inbound channel messages and duplicate detection.
export type {
  InboundAttachment,
  InboundChatMessage,
  InboundEmail,
  InboundMessage,
  InboundPhoneLog,
  InboundQrScan,
  InboundReferences,
  InboundTicketInput,
  NormalizedInbound,
  NormalizedNewTicket,
  NormalizedReply,
  NormalizeInboundOptions,
  ReplyMatch,
} from './intake/normalize-inbound.js';
export type {
  DuplicateCandidate,
  DuplicateCheckTicket,
  DuplicateProbe,
  DuplicateReason,
  FindDuplicatesOptions,
} from './intake/find-duplicates.js';
// Knowledge: Chinese/English help-centre search, article drafts and canned responses.
export type {
  HighlightRanges,
  KnowledgeArticle,
  KnowledgeHit,
  KnowledgeIndex,
  KnowledgeIndexJSON,
  KnowledgeIndexOptions,
  KnowledgeSearchOptions,
  KnowledgeSuggestion,
  KnowledgeSuggestOptions,
  Snippet,
  SynonymGroup,
} from './knowledge/types.js';
export type { SearchToken, SearchTokenKind } from './knowledge/tokenize.js';
export type { ArticleFromTicketOptions, KnowledgeArticleDraft } from './knowledge/article-from-ticket.js';
export type { Macro, MacroInput, MacroPart, MacroRendering, RenderMacroOptions } from './knowledge/macros.js';
// Client: state, local engine, storage, outbox and transport.
export { createClient } from './client/create-client.js';
export { createCustomerClient } from './client/customer-client.js';
export type { CustomerClient, CustomerClientOptions } from './client/customer-client.js';
export { customerHttpTransport } from './client/http-customer.js';
export { createLocalService, customerView } from './client/local-service.js';
export { memoryStorage } from './client/memory-storage.js';
export { ACCESS_TOKEN_HEADER, DEFAULT_TIMEOUT_MS, FILE_NAME_HEADER, httpTransport, IDEMPOTENCY_KEY_HEADER, parseRetryAfter } from './client/http-transport.js';
export { httpEventStream } from './client/http-event-stream.js';
export { createOutbox, isRetryable, memoryOutboxStore } from './client/outbox.js';
export {
  clientActions,
  createClientStore,
  selectAllTickets,
  selectCounts,
  selectIsQueued,
  selectQueue,
  selectQueueState,
  queueKey,
  selectTicket,
  selectTicketSla,
  selectTimeline,
  summarizeSla,
  ticketsAdapter,
} from './client/store.js';
export type { AftercareClient, ClientEvent, ClientOptions, FileOptions, SubmitResult, UploadProgress } from './client/create-client.js';
export type { LocalService } from './client/local-service.js';
export type { AbortSignalLike, FetchFunction, FetchLike, HttpTransportOptions } from './client/http-transport.js';
export type { StreamPage } from './client/http-event-stream.js';
export type { Outbox, OutboxAddResult, OutboxOptions } from './client/outbox.js';
export type { ClientState, ClientStore, ClientStoreOptions, ErrorInfo, QueueState, QueueView, TicketSla } from './client/store.js';
export { compileTextQuery, orderQueue, queueComparator, queueMatcher, updateQueue } from './client/queue-model.js';
export type { QueueFilter, QueueSort, QueueSpec } from './client/queue-model.js';
export type {
  AssignInput,
  AssignmentSuggestion,
  BlobLike,
  ChangePage,
  CreatedTicket,
  CustomerService,
  EngineOptions,
  FileLike,
  OutboxEntry,
  OutboxFile,
  OutboxStore,
  StorageAdapter,
  StorageChange,
  StoredAttachment,
  StoredTicket,
  TicketPage,
  TicketQuery,
  TicketService,
  TransitionInput,
  UploadOptions,
  WriteOptions,
} from './client/types.js';
