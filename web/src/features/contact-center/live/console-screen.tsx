// 메인화면 of 모바일 콘택트 for an agent (C8): the state and its time, the consult call ringing or up,
// the wrap-up after it, customers waiting, today's answer rate, own performance, the dial pad and the
// hourly graphs — all live over the sockets, never reloaded. On a phone the live part stays on top and
// the rest sits under tabs (issue 16).
import { useModel } from '@preact/signals';
import { t } from '../../../i18n';
import { me } from '../../../session/model';
import { Loaded, Screen } from '../../../ui/status';
import { usePhone } from '../../../ui/use-phone';
import { CallCard, OfferCard } from './call-cards';
import { useTicking } from './clock';
import { ConsoleModel } from './console-model';
import { CONSOLE_TABS, type ConsoleTab } from './console-tabs';
import { ConsoleTabs, panelId, tabId, useConsoleTab } from './console-tabs-view';
import { DialPad } from './dial-pad';
import { MyFigures, TodayFigures, WaitingList } from './figures';
import { HourlyGraphs } from './hourly-graph';
import { StateCard } from './state-card';
import { WrapUpCard } from './wrap-up-card';

/** One section of the console: what each tab holds on a phone, in this order one below the other on a desktop. */
function Section({ name, model }: { name: ConsoleTab; model: ConsoleModel }) {
  const a = model.agent.value;
  switch (name) {
    case 'queue': {
      const queues = model.queues.value;
      return (
        <>
          <section class="card" aria-labelledby="waiting-title">
            <h2 id="waiting-title">{t('ccLive.waiting.title')}</h2>
            {queues.length ? <WaitingList queues={queues} /> : <p class="muted">{t('ccLive.noQueues')}</p>}
          </section>
          <section class="card" aria-labelledby="today-title">
            <h2 id="today-title">{t('ccLive.today.title')}</h2>
            <TodayFigures today={model.totals.value} />
          </section>
        </>
      );
    }
    case 'mine':
      return a ? (
        <section class="card" aria-labelledby="mine-title">
          <h2 id="mine-title">{t('ccLive.mine.title')}</h2>
          <MyFigures agent={a} />
        </section>
      ) : null;
    case 'dial':
      return <DialPad model={model} />;
    case 'graphs':
      return <HourlyGraphs model={model.graphs} />;
  }
}

/** The contact center's other screens, one tap away (on a phone the tab bar at the bottom has them). */
function QuickLinks() {
  return (
    <nav class="quick-links" aria-label={t('ccLive.links')}>
      <ul class="tiles">
        <li>
          <a class="tile" href="/cc/history">
            {t('nav.cc.history')}
          </a>
        </li>
        <li>
          <a class="tile" href="/cc/callbacks">
            {t('nav.cc.callbacks')}
          </a>
        </li>
        <li>
          <a class="tile" href="/cc/stats">
            {t('nav.cc.stats')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

/**
 * Below the live part: on a phone one section at a time under tabs (the page stays about a screen or
 * two long); on a desktop every section, one below the other.
 */
function Sections({ model }: { model: ConsoleModel }) {
  const phone = usePhone();
  const [tab, choose] = useConsoleTab();
  if (!phone)
    return (
      <>
        {CONSOLE_TABS.map((name) => (
          <Section key={name} name={name} model={model} />
        ))}
        <QuickLinks />
      </>
    );
  return (
    <>
      <ConsoleTabs tab={tab} choose={choose} />
      <div class="console-panel" role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} data-panel={tab}>
        <Section name={tab} model={model} />
      </div>
    </>
  );
}

export function ConsoleScreen() {
  const model = useModel(ConsoleModel);
  useTicking();
  const a = model.agent.value;
  const saved = a?.lastCall && model.lastSaved.value === a.lastCall.callSessionId && !model.wrapUpOpen.value;
  return (
    <Screen title="ccLive.console.title">
      <p class="muted console-who">
        {me.value?.user.name} · {t('app.contactName')}
      </p>
      <Loaded res={model.snapshot}>
        {() => (
          <div class="console" data-live={model.feedOpen.value ? 'open' : 'connecting'}>
            <StateCard model={model} />
            {a?.offer && <OfferCard offer={a.offer} />}
            {a?.call && <CallCard call={a.call} model={model} />}
            <WrapUpCard model={model} />
            {saved && (
              <p class="alert alert-ok" role="status">
                {t('ccLive.wrapUp.saved')}
              </p>
            )}
            <Sections model={model} />
          </div>
        )}
      </Loaded>
    </Screen>
  );
}
