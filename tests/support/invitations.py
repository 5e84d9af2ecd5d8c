"""An invitation list as a coordinator exports it: Dutch headers, ten people, one of them declined."""

INVITATIONS = """naam;organisatie;organisatietype;gemeente;rol;voorkeur_thema;aanwezig
Anna de Vries;gemeente Bergen op Zoom;gemeente;GM0748;gespreksleider;Veilige buurt;ja
Bert Jansen;gemeente Roosendaal;gemeente;GM1674;verslaglegger;VB;ja
Carla Smit;gemeente Tholen;gemeente;GM0716;gespreksleider;ZV;ja
Dirk Bakker;gemeente Moerdijk;gemeente;GM1709;verslaglegger;ZV;ja
Els Visser;Politie;partner;;deelnemer;;ja
Frank de Boer;Politie;partner;;deelnemer;VB;ja
Gina Mulder;Veilig Thuis;partner;;deelnemer;ZV;ja
Hans Bos;GGD;partner;;deelnemer;;ja
Ingrid Kok;gemeente Rucphen;gemeente;GM0840;deelnemer;;ja
Jan Peters;RIEC;partner;;deelnemer;;nee
"""
