import type { Rule } from '../rule';

/** `contact.email` within the domains the workspace allows (`contactDomains` in config.yaml), subdomains included. */
export const contactDomain: Rule = {
  id: 'contact-domain',
  defaultSeverity: 'warning',
  needsData: true,
  check(ctx) {
    const domains = ctx.config.contactDomains.map((d) => d.toLowerCase());
    // A .memo.yaml root may be null or a list: read the data defensively.
    const email = (ctx.memo.data as { contact?: { email?: unknown } } | null)?.contact?.email;
    if (domains.length === 0 || typeof email !== 'string' || !email.includes('@')) return;
    const domain = email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
    if (domains.some((d) => domain === d || domain.endsWith(`.${d}`))) return;
    const [start, end] = ctx.spanAt(['contact', 'email']);
    ctx.report({ start, end, message: ctx.t('contactDomain.outside', { domains: ctx.config.contactDomains.join(', ') }) });
  },
};
