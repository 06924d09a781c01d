import { CollectionRunEntity } from './collection-run.entity';
import { ConnectionEntity } from './connection.entity';
import { ControlEntity, ControlStatusDayEntity } from './control.entity';
import { EvidenceBlobEntity, EvidenceObservationEntity } from './evidence.entity';
import { FindingChangeEntity, FindingCoverageEntity, FindingEntity } from './finding.entity';
import { WorkspaceEntity } from './workspace.entity';

export const ENTITIES = [
  WorkspaceEntity,
  ConnectionEntity,
  CollectionRunEntity,
  EvidenceBlobEntity,
  EvidenceObservationEntity,
  FindingEntity,
  FindingChangeEntity,
  FindingCoverageEntity,
  ControlEntity,
  ControlStatusDayEntity,
];
export { CollectionRunEntity, ConnectionEntity, ControlEntity, ControlStatusDayEntity, EvidenceBlobEntity, EvidenceObservationEntity, FindingChangeEntity, FindingCoverageEntity, FindingEntity, WorkspaceEntity };
export type { StoredEvidenceState } from './control.entity';
export type { RunProgress, RunTrigger, StoredFindingCounts } from './collection-run.entity';
