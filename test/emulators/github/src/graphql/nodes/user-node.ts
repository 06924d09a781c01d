import type { UserModel } from '../../model/github-model';
import { githubTimestamp } from '../../relative-date';
import type { ApiUrls } from '../../rest/api-urls';

export interface UserNode {
  readonly __typename: 'User' | 'Bot';
  readonly id: string;
  readonly databaseId: number;
  readonly login: string;
  readonly name: string | null;
  readonly avatarUrl: string;
  readonly url: string;
  readonly createdAt: string;
}

export function userNode(user: UserModel, urls: ApiUrls): UserNode {
  return {
    __typename: user.type,
    id: user.nodeId,
    databaseId: user.id,
    login: user.login,
    name: user.name,
    avatarUrl: `${urls.web}/avatars/u/${user.id}?`,
    url: `${urls.web}/${user.login}`,
    createdAt: githubTimestamp(user.createdAt),
  };
}
