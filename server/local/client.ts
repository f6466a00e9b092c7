// Auth for googleapis clients talking to the local workspace: the bearer token is the user's email.
// googleapis ignores a client-level `rootUrl` for media uploads (files.create/update with `media` still go to
// https://www.googleapis.com/upload/…), so the transporter rewrites Google's hosts to the local root as well.
import { OAuth2Client } from 'google-auth-library';

export function localAuthClient(email: string | undefined, rootUrl: string): OAuth2Client {
  const root = rootUrl.endsWith('/') ? rootUrl : rootUrl + '/';
  const auth = new OAuth2Client();
  if (email !== undefined) auth.setCredentials({ access_token: email });
  auth.transporter.interceptors.request.add({
    resolved: async (config) => {
      const url = config.url instanceof URL ? config.url.href : String(config.url ?? '');
      const m = /^https:\/\/(?:www\.googleapis\.com|sheets\.googleapis\.com|docs\.googleapis\.com)\/(.*)$/.exec(url);
      if (m) config.url = root + m[1];
      return config;
    },
  });
  return auth;
}
