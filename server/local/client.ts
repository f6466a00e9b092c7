// Auth for googleapis clients talking to the local workspace: the bearer token is the user's email.
// googleapis ignores a client-level `rootUrl` for media uploads (files.create/update with `media` still go to
// https://www.googleapis.com/upload/…), so the transporter rewrites Google's hosts to the local root as well.
import { google } from 'googleapis';

export type LocalAuthClient = InstanceType<typeof google.auth.OAuth2>;

export function localAuthClient(email: string | undefined, rootUrl: string): LocalAuthClient {
  const root = rootUrl.endsWith('/') ? rootUrl : rootUrl + '/';
  const auth = new google.auth.OAuth2();
  if (email !== undefined) auth.setCredentials({ access_token: email });
  auth.transporter.interceptors.request.add({
    resolved: async (config) => {
      const url = config.url instanceof URL ? config.url.href : String(config.url ?? '');
      const m = /^https:\/\/(?:www\.googleapis\.com|sheets\.googleapis\.com|docs\.googleapis\.com)\/(.*)$/.exec(url);
      if (m) config.url = new URL(root + m[1]);
      return config;
    },
  });
  return auth;
}
