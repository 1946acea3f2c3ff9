import { useEffect, useState } from "preact/hooks";
import { language, onLanguage } from "./i18n";
import { parseRoute, type Route } from "./router";
import { HomeScreen, JoinScreen } from "./screens/Home";
import { ProjectorScreen } from "./screens/Projector";
import { RoomScreen } from "./screens/Room";
import { WorkshopScreen } from "./screens/Workshop";
import { WorkshopProjectorScreen } from "./screens/WorkshopProjector";

export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  const [lang, setLang] = useState(language());
  useEffect(() => {
    const onHash = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onHash);
    const off = onLanguage(() => setLang(language()));
    document.documentElement.lang = language();
    return () => {
      window.removeEventListener("hashchange", onHash);
      off();
    };
  }, []);
  // The language is read by every t() call: this component re-renders on a switch, and so
  // does the tree under it (no memo on the home and join screens, so their forms keep what
  // was chosen and typed; room and projector parts re-render with useViewParts).
  switch (route.name) {
    case "join":
      return <JoinScreen key={`join-${route.code}`} code={route.code} />;
    case "room":
      return <RoomScreenWithLang key={`room-${route.code}-${route.as}`} code={route.code} as={route.as} lang={lang} />;
    case "projector":
      return <ProjectorWithLang key={`projector-${route.code}`} code={route.code} token={route.token} lang={lang} />;
    case "workshop":
      return <WorkshopWithLang key={`workshop-${route.code}`} code={route.code} lang={lang} />;
    case "workshop-projector":
      return <WorkshopProjectorWithLang key={`workshop-projector-${route.code}`} code={route.code} token={route.token} lang={lang} />;
    default:
      return <HomeScreen />;
  }
}

// Room and projector keep their session across a language switch: only a prop changes.
function RoomScreenWithLang(props: { code: string; as: "facilitator" | "player" | null; lang: string }) {
  return <RoomScreen code={props.code} as={props.as} />;
}

function ProjectorWithLang(props: { code: string; token: string | null; lang: string }) {
  return <ProjectorScreen code={props.code} token={props.token} />;
}

function WorkshopWithLang(props: { code: string; lang: string }) {
  return <WorkshopScreen code={props.code} />;
}

function WorkshopProjectorWithLang(props: { code: string; token: string | null; lang: string }) {
  return <WorkshopProjectorScreen code={props.code} token={props.token} />;
}
