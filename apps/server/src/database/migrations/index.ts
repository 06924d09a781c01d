import { InitialSchema1732300000000 } from './1732300000000-initial-schema';
import { ProgramState1732400000000 } from './1732400000000-program-state';
import { FindingCountsIndex1732460000000 } from './1732460000000-finding-counts-index';
import { ConnectorResponseCache1732500000000 } from './1732500000000-connector-response-cache';
import { AuditLog1732600000000 } from './1732600000000-audit-log';
import { Identity1732700000000 } from './1732700000000-identity';
import { RowLevelSecurity1732800000000 } from './1732800000000-row-level-security';

/** Checked-in migrations, in order. The schema is never synchronized from entities. */
export const MIGRATIONS = [InitialSchema1732300000000, ProgramState1732400000000, FindingCountsIndex1732460000000, ConnectorResponseCache1732500000000, AuditLog1732600000000, Identity1732700000000, RowLevelSecurity1732800000000];
